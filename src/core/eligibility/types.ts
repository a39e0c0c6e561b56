/** Highest degree. */
export type Degree = 'college' | 'bachelor' | 'master' | 'phd';

/** Hangzhou talent category, or the district-level recognition. */
export type TalentCategory = 'A' | 'B' | 'C' | 'D' | 'E' | 'district';

/** Professional title relevant to the health and education articles. */
export type ProfessionalTitle = 'senior' | 'deputy_senior' | 'special_teacher';

/** Skilled-worker grade. */
export type SkillGrade = 'senior_technician' | 'technician';

/** Facts about a person that rules decide on. Every field is optional: unknown until said. */
export interface Profile {
  /** Age in whole years. */
  age?: number;
  /** Highest degree. */
  degree?: Degree;
  /** Whether the highest degree was full-time study (全日制). */
  fullTime?: boolean;
  /** Graduation date of the highest degree, `YYYY-MM` (month 06 when only a year was given). */
  graduated?: string;
  /** When the person first started work and social insurance in the district, `YYYY-MM`. */
  arrived?: string;
  /** Months of social insurance paid in the district. */
  insuranceMonths?: number;
  /** Recognised talent category. */
  category?: TalentCategory;
  /** Whether the person holds any talent recognition (A–E or district level); false = said they have none. */
  recognised?: boolean;
  /** Whether the person or their spouse owns a home in Hangzhou's urban districts. */
  ownsHome?: boolean;
  /** Length of the labour contract with a district employer, in years. */
  contractYears?: number;
  /** Whether the person currently lives in a talent apartment. */
  inTalentApartment?: boolean;
  /** Professional title. */
  title?: ProfessionalTitle;
  /** Skilled-worker grade. */
  skill?: SkillGrade;
  /** Whether the person works in medicine (health talents, qt25-16). */
  medical?: boolean;
  /** Whether the person is a postdoctoral researcher in a district station. */
  postdoc?: boolean;
  /** Whether the person has completed (出站) a postdoctoral station (qt25-13's stay-on grant). */
  postdocCompleted?: boolean;
  /** Whether the person currently works for an employer in the district (落户, qt25-22). */
  worksInDistrict?: boolean;
  /** Whether a 钱塘举才官 has recommended the person (qt25-8). */
  recommendedByScout?: boolean;
  /** When the person was recognised as a talent, `YYYY-MM` (starts the 安家补贴 filing window). */
  recognisedAt?: string;
  /** When the person entered a postdoctoral station, `YYYY-MM` (starts the 博士后 filing window). */
  postdocSince?: string;
  /** A sum paid, in 元, that a benefit is a share of (a firm's yearly pay to a PhD, tuition fees). */
  paid?: number;
}

/** A filing window a verdict's facts start: its end, and whether today is past it. */
export interface DeadlineStatus {
  /** The window as the text states it, e.g. 认定后1年内首次申请. */
  text: string;
  /** The window in English, when the rule gives it. */
  textEn?: string;
  /** Citation key of the provision (usually the guide). */
  key: string;
  /** The month the window started (the fact's value), `YYYY-MM`. */
  from: string;
  /** The last month of the window, `YYYY-MM`. */
  due: string;
  /** True when today is after the window's last month. */
  passed: boolean;
}

/** One amount of a rule's table, labelled by the case it is for. */
export interface AmountCase {
  /** The case in words, e.g. 硕士 or C类人才. */
  label: string;
  /** The amount as the text states it. */
  amount: string;
  /** A text amount in English, when the rule gives it. */
  amountEn?: string;
}

/** Names of profile facts, for "missing" lists and questions. */
export type Fact = keyof Profile;

/** The outcome of one rule for one profile. */
export type Verdict =
  | {
      status: 'eligible';
      /** Rule id. */
      ruleId: string;
      /** Benefit name, e.g. 青年大学生生活补贴. */
      benefit: string;
      /** Benefit name in English, when the rule gives one. */
      benefitEn?: string;
      /** Citation key the rule implements. */
      key: string;
      /** Amount as stated in the text, e.g. 3万元 or 每年2万元，最长3年. */
      amount: string;
      /** A text amount in English, when the rule gives it (tables and shares are put into English from their figures). */
      amountEn?: string;
      /** How it is paid, e.g. 一次性发放. */
      payment: string;
      /** Facts the verdict relied on, in words (e.g. 全日制硕士、2024年毕业). */
      assumed: string[];
      /** Extra conditions the person must still meet that the bot cannot check. */
      notes: string[];
      /** Filing windows the known facts start (said when passed or close). */
      deadlines?: DeadlineStatus[];
    }
  | {
      status: 'not_eligible';
      ruleId: string;
      benefit: string;
      benefitEn?: string;
      key: string;
      /** The condition that failed, in words, e.g. 毕业已超过5年. */
      reason: string;
      /** The condition as the text states it, e.g. 毕业5年内. */
      requirement: string;
      /** The failure and the condition in English, when the rule gives them. */
      reasonEn?: string;
      requirementEn?: string;
      assumed: string[];
      /** The amount of the person's case when the known facts select it: what "how much" is told before the failure. */
      amount?: string;
      amountEn?: string;
    }
  | {
      status: 'missing';
      ruleId: string;
      benefit: string;
      benefitEn?: string;
      key: string;
      /** Facts still needed, most decisive first. */
      missing: Fact[];
      assumed: string[];
      /** The conditions not yet decided, as the text states them, in rule order. */
      open?: string[];
      /** The same in English (the Chinese where the rule gives no English). */
      openEn?: string[];
      /** The amount for the person's case when the known facts already select it. */
      amount?: string;
      amountEn?: string;
      /** Every amount of the rule, labelled by case (one entry with an empty label for a fixed amount). */
      amounts?: AmountCase[];
      /** How it is paid. */
      payment?: string;
      /** Filing windows the known facts start. */
      deadlines?: DeadlineStatus[];
    };
