/**
 * Words that name a domain next to talent policy: each is the term the other domain's own rules are
 * written in (tax law, the housing-fund rules, the police's household-registration rules, labour law,
 * schooling, transport…), not a phrasing of a question. A question built on them asks that domain's
 * office, however many benefit words it shares with ours; the corpus's own topics weigh against them
 * (see domain-of.ts), so "举才官举荐的人没交个税能认定吗" stays a talent question.
 */
export const NEIGHBOUR_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  tax: ['个人所得税', '所得税', '个税', '计税', '综合所得', '专项附加扣除', '附加扣除', '抵扣', '退税', '汇算', '起征点', '税率', '扣税', '报税', '纳税申报', '年终奖', 'deduct', 'deduction', '契税', '房产税', '增值税', 'income tax', 'tax rate', 'tax return', 'tax deduction', 'tax refund', 'withholding', 'vat'],
  housingFund: ['公积金', '住房公积金', 'provident fund'],
  socialInsurance: ['异地就医', '就医备案', '医保卡', '养老金', '养老保险', '退休金', '退休工资', '医保', '医疗保险', '医保报销', '失业金', '失业保险', '生育津贴', '生育保险', '工伤', '五险一金', '缴费基数', '社保基数', '费率', 'pension', 'medical insurance', 'unemployment benefit'],
  registration: ['积分落户', '投靠', '派出所', '户籍', '宅基地', '户口本', '身份证', '居住证', '集体户', '迁出', '农转非', 'id card', 'residence permit for'],
  travel: ['签证', '旅游', '护照', '出入境', '机票', '酒店', '景点', 'tourist', 'passport', 'visa', 'business trip'],
  schooling: ['学区', '学区房', '划片', '幼儿园', '中考', '高考', '考研', '复试', '分数线', '留学', 'school district', 'kindergarten', 'entrance exam'],
  labour: ['经济补偿', '补偿金', '赔偿金', '辞退', '裁员', '续签', '劳动仲裁', '仲裁', '加班费', '年假', '产假', '婚假', '试用期工资', 'severance', 'overtime', 'maternity leave', 'annual leave'],
  housingMarket: ['限购', '限售', '摇号', '房价', '房贷', '月供', '按揭', '首付', '二手房', '买房资格', '购房资格', 'mortgage', 'house prices'],
  transport: ['上牌', '电动车', '电动自行车', '车牌', '驾照', '驾驶证', '违章', '地铁', '公交', '限行', 'driving licence', 'driving license', "driver's license", 'license plate', 'metro'],
  health: ['挂号', '门诊', '体检', '失眠', '吃什么药', 'hospital appointment'],
  business: ['注册资本', '营业执照', '工商登记', '股权', 'registered capital', 'business licence', 'business license'],
  civilAffairs: ['结婚登记', '婚姻登记', '结婚证', '离婚', 'marriage registration', 'marriage certificate', 'divorce'],
  tenancy: ['押金', '房东', '退租', '租赁纠纷', 'landlord', 'security deposit', 'tenancy dispute'],
  pets: ['养狗', '养犬', '狗证', '犬证', '宠物', 'dog licence', 'dog license', 'pet'],
  banking: ['银行开户', '开户', '信用卡', '征信', '贷款', '利率', 'open a bank account', 'credit card', 'credit score', 'loan'],
  investing: ['股票', '炒股', '基金', '彩票', '比特币', '理财', '逃税', '偷税', '漏税', 'stock', 'stocks', 'bitcoin', 'tax evasion'],
  leisure: ['电影', '电视剧', '好吃', '火锅', '餐厅', '饭店', '外卖', '美食', '菜谱', '做饭', '好玩', '民宿', '攻略', '游戏', '足球', '篮球', '世界杯', '星座', '算命', '笑话', '唱歌', 'movie', 'restaurant', 'recipe', 'football', 'soccer', 'joke'],
  coding: ['python', 'javascript', 'sql', '代码', '编程', '爬虫', 'excel', 'code'],
  weather: ['天气', '气温', '降温', '下雨', '下雪', '台风', '雾霾', 'weather', 'forecast'],
  writing: ['润色', '求职信', '简历', '作文', '翻译', '作诗', '诗歌', '写首', '写一首', '首诗', '辞职信', '情书', 'cover letter', 'proofread', 'translate', 'essay', 'poem'],
};

/** Every anchor with its domain, longest first, so 住房公积金 is read before 公积金. */
export const NEIGHBOUR_ANCHORS: readonly { anchor: string; domain: string }[] = Object.entries(NEIGHBOUR_DOMAINS)
  .flatMap(([domain, anchors]) => anchors.map((anchor) => ({ anchor, domain })))
  .sort((a, b) => b.anchor.length - a.anchor.length);
