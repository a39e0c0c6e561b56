import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/services.js';

/** The sample 人才新政25条 as it is in policies/. */
export const QT25_MD = readFileSync(path.join(REPO_ROOT, 'policies', 'qt25.md'), 'utf8');

/** The sample with two changed figures: 博士生活补贴 10万元 → 15万元, 硕士 3万元 → 5万元 (第五条). */
export const QT25_CHANGED_MD = QT25_MD.replace('本科1万元、硕士3万元、博士10万元', '本科1万元、硕士5万元、博士15万元');
