import { z } from 'zod';
const a = z.object({ x: z.union([z.string(), z.strictObject({ by: z.string(), table: z.record(z.string(), z.string()) }), z.array(z.number())]) });
const r = a.safeParse({ x: { by: 'degree', table: { a: 1 } } });
console.log(JSON.stringify(r.error?.issues, null, 1));
