/**
 * Institutions (2,965) and financial products (741) of the market: products.md A1–A11 and
 * table B, with the 17 regional-equity-market SRDI boards and the "中试险 + 研发贷" pairs.
 *
 * @module
 */
import {
  INSTITUTION_KINDS,
  PRODUCT_TYPES,
  type InstitutionKind,
  type Purpose,
} from '../model/enums.js';
import type { FinancialProduct, Institution } from '../model/types.js';
import type { Random } from '../util/random.js';
import {
  CITY_PRODUCT_SHARE,
  EXCLUDE_K_J_SHARE,
  GREEN_PRODUCT_SHARE,
  INSTITUTION_COUNTS,
  LOCAL_INSTITUTION_SHARE,
  LOCAL_PRODUCT_SHARE,
  LPR_PERCENT,
  PRODUCT_SPECS,
  SRDI_BOARD_MARKETS,
  SUB_BRANCH_AREAS,
} from './calibration.js';
import { brand, placeOf, productText, type Place } from './text.js';
import {
  chance,
  intBetween,
  roundTo,
  sample,
  uniform,
  type RegionSampler,
  type SectorSampler,
} from './sampling.js';

/** National banks (no region): policy, large state-owned and joint-stock banks [V: public names]. */
export const NATIONAL_BANKS = [
  '国家开发银行',
  '中国进出口银行',
  '中国农业发展银行',
  '中国工商银行',
  '中国农业银行',
  '中国银行',
  '中国建设银行',
  '交通银行',
  '中国邮政储蓄银行',
  '招商银行',
  '上海浦东发展银行',
  '中信银行',
  '中国光大银行',
  '华夏银行',
  '中国民生银行',
  '广发银行',
  '兴业银行',
  '平安银行',
  '浙商银行',
  '恒丰银行',
  '渤海银行',
] as const;

const INSTITUTION_TEXT: Readonly<Record<InstitutionKind, string>> = {
  bank: '银行业金融机构，提供信贷、供应链金融与投贷联动服务',
  insurer: '保险机构，提供科技保险、首台套保险与中试综合保险',
  fund: '私募股权与创业投资基金管理人',
  securities: '证券公司，提供保荐承销、债券发行与并购重组服务',
  leasing: '融资租赁公司，提供设备直租与售后回租',
  guarantee: '政府性融资担保机构，服务小微企业与“专精特新”企业',
  regionalEquityMarket: '区域性股权市场，运营“专精特新”专板，提供挂牌展示、股权融资与上市培育',
};

/**
 * What a product funds: its type's purposes (`PRODUCT_SPECS`), with `green` first when the
 * product carries the `green` tag (a green loan is for green projects first).
 */
export function productPurposes(product: Pick<FinancialProduct, 'type' | 'policyTags'>): Purpose[] {
  const purposes = [...PRODUCT_SPECS[product.type].purposes];
  if (!product.policyTags.includes('green')) return purposes;
  return ['green', ...purposes.filter((p) => p !== 'green')];
}

/** Institutions with the indices of each kind. */
export interface InstitutionCatalogue {
  institutions: Institution[];
  byKind: Readonly<Record<InstitutionKind, number[]>>;
}

/**
 * National banks with city branches: all but the three policy banks (国家开发银行, 中国进出口银行,
 * 中国农业发展银行), which keep provincial branches only [M].
 */
const BRANCHING_BANKS = NATIONAL_BANKS.slice(3);

/** Brands drawn for one institution before a repeated name is accepted. */
const MAX_NAME_ATTEMPTS = 20;

/**
 * Provincial commercial banks by province short name, for "江苏银行南京分行" [M: public bank
 * names; provinces without a bank named after them use a city commercial bank].
 */
const PROVINCIAL_BANKS: Readonly<Record<string, string>> = {
  江苏: '江苏银行',
  浙江: '浙商银行',
  安徽: '徽商银行',
  河北: '河北银行',
  吉林: '吉林银行',
  江西: '江西银行',
  湖北: '湖北银行',
  湖南: '湖南银行',
  四川: '四川银行',
  贵州: '贵州银行',
  甘肃: '甘肃银行',
  青海: '青海银行',
  宁夏: '宁夏银行',
  新疆: '新疆银行',
  山西: '山西银行',
  海南: '海南银行',
  河南: '中原银行',
  黑龙江: '龙江银行',
  广西: '广西北部湾银行',
  内蒙古: '内蒙古银行',
  云南: '富滇银行',
};

/**
 * A realistic name for an institution of `kind` in `place` (undefined: a national head
 * office). Local names always carry their place, consistent with the region code:
 * "中信银行苏州分行", "江苏银行南京分行", "南京农村商业银行", "北京农村商业银行海淀支行",
 * "恒瑞财产保险股份有限公司江苏分公司", "南京科技融资担保有限公司". `taken` holds the names
 * already used: a second branch of a bank in a city becomes a sub-branch (支行) named after an
 * area ({@link SUB_BRANCH_AREAS}) or, past those, a road; a brand-named institution draws
 * another brand.
 */
function institutionName(
  rng: Random,
  kind: InstitutionKind,
  place: Place | undefined,
  i: number,
  taken: ReadonlySet<string>,
): string {
  const subBranch = (name: string, bank: string): string => {
    if (!taken.has(name)) return name;
    const areas = place?.district ? [place.district, ...SUB_BRANCH_AREAS] : SUB_BRANCH_AREAS;
    for (const area of areas) {
      const candidate = `${bank}${area}支行`;
      if (!taken.has(candidate)) return candidate;
    }
    return distinct(() => `${bank}${brand(rng)}路支行`);
  };
  const distinct = (make: () => string): string => {
    let name = make();
    for (let attempt = 0; taken.has(name) && attempt < MAX_NAME_ATTEMPTS; attempt++) name = make();
    return name;
  };
  switch (kind) {
    case 'bank': {
      if (i < NATIONAL_BANKS.length) return NATIONAL_BANKS[i]!;
      const p = place!;
      const roll = rng.next();
      if (roll < 0.6) {
        const bank = rng.pick(BRANCHING_BANKS);
        return subBranch(`${bank}${p.city}分行`, `${bank}${p.city}`);
      }
      if (roll < 0.8) {
        const bank = `${p.city}农村商业银行`;
        return subBranch(p.district ? `${bank}${p.district}支行` : bank, bank);
      }
      if (roll < 0.9) return distinct(() => `${p.city}${p.district}${brand(rng)}村镇银行`);
      // City or provincial commercial bank: 南京银行, or 江苏银行南京分行.
      if (p.municipality) return subBranch(`${p.city}银行${p.district}支行`, `${p.city}银行`);
      const provincial = PROVINCIAL_BANKS[p.province];
      if (provincial && rng.next() < 0.5)
        return subBranch(`${provincial}${p.city}分行`, `${provincial}${p.city}`);
      return subBranch(`${p.city}银行`, `${p.city}银行`);
    }
    case 'insurer':
      return distinct(() => {
        const company = `${brand(rng)}财产保险股份有限公司`;
        if (!place) return company;
        return place.capital
          ? `${company}${place.province}分公司`
          : `${company}${place.city}中心支公司`;
      });
    case 'fund':
      return distinct(() => `${place ? place.city : ''}${brand(rng)}创业投资基金管理有限公司`);
    case 'securities':
      return distinct(() => {
        const company = `${brand(rng)}证券股份有限公司`;
        return place ? `${company}${place.city}分公司` : company;
      });
    case 'leasing':
      return distinct(() =>
        place ? `${place.city}${brand(rng)}融资租赁有限公司` : `${brand(rng)}金融租赁有限公司`,
      );
    case 'guarantee': {
      const p = place!;
      const form = rng.pick([
        '融资担保有限公司',
        '中小企业融资担保有限公司',
        '科技融资担保有限公司',
      ]);
      const name = `${p.city}${p.district}${form}`;
      return taken.has(name) ? distinct(() => `${p.city}${p.district}${brand(rng)}${form}`) : name;
    }
    case 'regionalEquityMarket':
      return SRDI_BOARD_MARKETS[i]!.name;
  }
}

/**
 * Whether an institution of `kind` (the `i`-th of its kind) is always local: a bank other
 * than the national ones is a branch or a local bank, and government financing guarantee
 * institutions are set up by a city or province (products.md, guarantee row), so both always
 * have a region; other kinds are local with {@link LOCAL_INSTITUTION_SHARE}.
 */
function alwaysLocal(kind: InstitutionKind, i: number): boolean {
  return (kind === 'bank' && i >= NATIONAL_BANKS.length) || kind === 'guarantee';
}

/** Generates the institutions: counts per kind from calibration.ts, local ones with a region. */
export function generateInstitutions(rng: Random, regions: RegionSampler): InstitutionCatalogue {
  const institutions: Institution[] = [];
  const byKind = Object.fromEntries(INSTITUTION_KINDS.map((k) => [k, [] as number[]])) as Record<
    InstitutionKind,
    number[]
  >;
  const taken = new Set<string>();
  for (const kind of INSTITUTION_KINDS) {
    for (let i = 0; i < INSTITUTION_COUNTS[kind]; i++) {
      let region: string | undefined;
      if (kind === 'regionalEquityMarket') region = SRDI_BOARD_MARKETS[i]!.region.padEnd(6, '0');
      else if (
        alwaysLocal(kind, i) ||
        (!(kind === 'bank' && i < NATIONAL_BANKS.length) && chance(rng, LOCAL_INSTITUTION_SHARE))
      )
        region = regions.draw(rng);
      const id = `inst-${String(institutions.length + 1).padStart(4, '0')}`;
      byKind[kind].push(institutions.length);
      const place = kind !== 'regionalEquityMarket' && region ? placeOf(region) : undefined;
      const name = institutionName(rng, kind, place, i, taken);
      taken.add(name);
      institutions.push({
        id,
        name,
        kind,
        ...(region !== undefined ? { region } : {}),
        text: INSTITUTION_TEXT[kind],
      });
    }
  }
  return { institutions, byKind };
}

function drawRange(
  rng: Random,
  options: readonly { min: number; max: number }[],
): { min: number; max: number } {
  const r = rng.pick(options);
  return { min: r.min, max: r.max };
}

/**
 * Generates the products of every type (PRODUCT_SPECS counts, in PRODUCT_TYPES order), then
 * pairs the first pilot-insurance products with the "中试险+研发贷" loans via `combinesWith`.
 * `chains` and `zones` are filled later (chains.ts).
 */
export function generateProducts(
  rng: Random,
  catalogue: InstitutionCatalogue,
  sectors: SectorSampler,
): FinancialProduct[] {
  const { institutions, byKind } = catalogue;
  const products: FinancialProduct[] = [];
  for (const type of PRODUCT_TYPES) {
    const spec = PRODUCT_SPECS[type];
    // Green / carbon-reduction products: GREEN_PRODUCT_SHARE of each type that funds green
    // purposes (rounded), drawn once per type so that the share holds for every seed.
    const greenSlots = new Set(
      spec.purposes.includes('green')
        ? sample(
            rng,
            Array.from({ length: spec.count }, (_, k) => k),
            Math.round(spec.count * GREEN_PRODUCT_SHARE),
          )
        : [],
    );
    for (let k = 0; k < spec.count; k++) {
      const pool = byKind[spec.issuer];
      let instIndex: number;
      if (type === 'regionalEquityBoard') instIndex = pool[k % pool.length]!;
      else if (spec.issuer === 'bank' && chance(rng, 0.4))
        instIndex = pool[rng.int(NATIONAL_BANKS.length)]!;
      else instIndex = rng.pick(pool);
      const inst = institutions[instIndex]!;

      let regions: string[] = [];
      if (type === 'regionalEquityBoard')
        regions = [SRDI_BOARD_MARKETS[k % SRDI_BOARD_MARKETS.length]!.region];
      else if (inst.region !== undefined && chance(rng, LOCAL_PRODUCT_SHARE))
        regions = [
          chance(rng, CITY_PRODUCT_SHARE) ? inst.region.slice(0, 4) : inst.region.slice(0, 2),
        ];

      let targetSectors: string[] = [];
      if (spec.targetSectors) targetSectors = [...spec.targetSectors];
      else if (spec.randomTargetShare !== undefined && chance(rng, spec.randomTargetShare)) {
        const set = new Set<string>();
        const n = intBetween(rng, 1, 3);
        for (let i = 0; i < n; i++) set.add(sectors.draw(rng).slice(0, 3));
        targetSectors = [...set].sort();
      }
      let excludedSectors: string[] = [];
      if (
        targetSectors.length === 0 &&
        spec.instrument !== 'equity' &&
        chance(rng, EXCLUDE_K_J_SHARE)
      )
        excludedSectors = ['J', 'K'];
      else if (targetSectors.length === 1 && targetSectors[0] === 'C' && chance(rng, 0.3))
        excludedSectors = ['C25'];

      const minSrdiTier = spec.minTiers[rng.weighted(spec.minTiers.map(([, w]) => w))]![0];
      const collateral = spec.collateral[rng.weighted(spec.collateral.map(([, w]) => w))]![0];
      const amount = drawRange(rng, spec.amounts);
      const termMonths = drawRange(rng, spec.terms);
      const requiredPolicyLists = (spec.requiredPolicyLists ?? [])
        .filter(([, p]) => chance(rng, p))
        .map(([l]) => l);
      let ratePercent: { min: number; max: number } | undefined;
      if (spec.rateSpread) {
        const min = Math.max(
          1.5,
          roundTo(LPR_PERCENT + uniform(rng, spec.rateSpread.min, spec.rateSpread.max), 0.05),
        );
        ratePercent = { min, max: roundTo(min + uniform(rng, 0.3, 1.2), 0.05) };
      }
      const minYearsOperating =
        spec.minYearsOperating ??
        (spec.instrument === 'loan' && chance(rng, 0.15) ? intBetween(rng, 1, 3) : undefined);
      const green = greenSlots.has(k);
      const variant = green
        ? '（绿色低碳）'
        : rng.pick(['', '', '（成长版）', '（普惠版）', '·易贷', '（链上版）']);
      const name = `${inst.name}${spec.nameZh}${type === 'regionalEquityBoard' ? '' : variant}`;
      const product: FinancialProduct = {
        id: `prod-${String(products.length + 1).padStart(4, '0')}`,
        institutionId: inst.id,
        name,
        type,
        instrument: spec.instrument,
        targetSectors,
        excludedSectors,
        stages: [...spec.stages],
        minSrdiTier,
        amount,
        termMonths,
        regions,
        collateral: { required: [...collateral.required], accepted: [...collateral.accepted] },
        ...(minYearsOperating !== undefined ? { minYearsOperating } : {}),
        ...(spec.minAnnualRevenue !== undefined ? { minAnnualRevenue: spec.minAnnualRevenue } : {}),
        policyTags: green ? [...spec.policyTags, 'green'] : [...spec.policyTags],
        requiredPolicyLists,
        ...(ratePercent ? { ratePercent } : {}),
        combinesWith: [],
        chains: [],
        zones: [],
        text: '',
      };
      product.text = productText(product, inst.name, productPurposes(product));
      products.push(product);
    }
  }
  // "中试险 + 研发贷" (products.md A4): each pilot R&D loan is paired with one pilot insurance.
  const loans = products.filter((p) => p.type === 'pilotInsuranceRnDLoan');
  const insurances = products.filter((p) => p.type === 'techInsurance');
  loans.forEach((loan, i) => {
    const ins = insurances[i];
    if (!ins) return;
    loan.combinesWith.push(ins.id);
    ins.combinesWith.push(loan.id);
    ins.name = `${ins.name.replace(/（.*）|·易贷/u, '')}（中试险，配套研发贷）`;
  });
  return products;
}
