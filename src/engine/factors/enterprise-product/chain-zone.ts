import { CHAIN_ROLES, type ChainRole } from '../../../model/enums.js';
import type { Enterprise, FinancialProduct } from '../../../model/types.js';
import {
  CHAIN_ROLE_FIT,
  CHAIN_ZONE_UNTARGETED_FIT,
  SUPPLY_CHAIN_ROLE_FIT,
  ZONE_MEMBER_FIT,
} from '../../defaults.js';
import { chainZoneKey, chainZoneTokens, type ChainZoneTokens } from '../../rules/subject-keys.js';
import type {
  EnterpriseProductContext,
  Factor,
  MarketReference,
  SubjectKeyValue,
  TokenValues,
} from '../../types.js';
import { recordOf, resolvePartOptions, unitInterval } from '../../rules/options.js';

const listedCache = new WeakMap<MarketReference, Set<string>>();

/** Ids of the products any chain or zone of `reference` lists (computed once per reference). */
function listedProductIds(reference: MarketReference): Set<string> {
  let ids = listedCache.get(reference);
  if (!ids) {
    ids = new Set<string>();
    for (const c of reference.chains?.values() ?? []) for (const id of c.productIds) ids.add(id);
    for (const z of reference.zones?.values() ?? []) for (const id of z.productIds) ids.add(id);
    listedCache.set(reference, ids);
  }
  return ids;
}

/** The chain and zone ids (reference-map keys or the product's own) a product serves. */
interface Served {
  chains: Set<string>;
  zones: Set<string>;
}

const servedCache = new WeakMap<MarketReference, WeakMap<FinancialProduct, Served>>();

/** One product as `chainZone` scores it (under one reference and the factor's options). */
interface ChainZoneTarget extends Served {
  /** Value by role on a served chain (supply-chain finance has its own). */
  roles: Readonly<Record<ChainRole, number>>;
  /** The value for a firm on none of its chains and in none of its zones. */
  otherwise: number;
  /** The same values by token ({@link chainZoneTokens}), made on first use. */
  tokens?: TokenValues;
}

/**
 * `form` as {@link TokenValues} (tokens: {@link chainZoneTokens}): each served chain's token by
 * role with that role's value, each served zone's token with the zone value; `otherwise` for a
 * firm holding none.
 */
function tokenValuesOf(
  form: ChainZoneTarget,
  zoneMember: number,
  tokens: ChainZoneTokens,
): TokenValues {
  const values = new Map<SubjectKeyValue, number>();
  for (const id of form.chains)
    for (const role of CHAIN_ROLES) values.set(tokens.membership(id, role), form.roles[role]);
  for (const id of form.zones) values.set(tokens.zone(id), zoneMember);
  return { values, otherwise: form.otherwise };
}

/**
 * The chains and zones `target` serves: those it lists, and those whose reference record
 * lists it. Memoised per reference and product record (records are not mutated after
 * parsing), so one evaluation is a few set look-ups instead of scans of `productIds`.
 */
function servedBy(target: FinancialProduct, reference: MarketReference): Served {
  let perReference = servedCache.get(reference);
  if (!perReference) {
    perReference = new WeakMap();
    servedCache.set(reference, perReference);
  }
  let served = perReference.get(target);
  if (!served) {
    served = { chains: new Set(target.chains), zones: new Set(target.zones) };
    for (const [id, c] of reference.chains ?? []) {
      if (c.productIds.includes(target.id)) served.chains.add(id);
    }
    for (const [id, z] of reference.zones ?? []) {
      if (z.productIds.includes(target.id)) served.zones.add(id);
    }
    perReference.set(target, served);
  }
  return served;
}

/** Options of {@link chainZoneFactor}. */
export interface ChainZoneOptions {
  /** Product aimed at no chain or zone. Default {@link CHAIN_ZONE_UNTARGETED_FIT} (0.3). */
  untargeted?: number;
  /** Firm in one of the product's zones. Default {@link ZONE_MEMBER_FIT} (0.8). */
  zoneMember?: number;
  /** By role on one of the product's chains. Default {@link CHAIN_ROLE_FIT}. */
  roleFit?: Readonly<Record<ChainRole, number>>;
  /** By role, for `supplyChainFinance` products. Default {@link SUPPLY_CHAIN_ROLE_FIT}. */
  supplyChainRoleFit?: Readonly<Record<ChainRole, number>>;
}

/**
 * `chainZone`: is the firm on one of the chains or in one of the zones the product serves
 * ("一链一策一批", platform.md §5)? A product serves a chain or zone when it lists it, or when
 * the chain/zone (reference data) lists the product. On a chain the value depends on the
 * firm's role (leader 1, supplier 0.9, member 0.8; supply-chain finance puts suppliers
 * first); in a zone 0.8; a product for other chains/zones 0; an untargeted product 0.3.
 * In [0, 1].
 */
export function chainZoneFactor(options?: ChainZoneOptions): Factor<Enterprise, FinancialProduct> {
  const resolved = resolvePartOptions('chainZone', options, {
    untargeted: unitInterval,
    zoneMember: unitInterval,
    roleFit: recordOf(CHAIN_ROLES, unitInterval),
    supplyChainRoleFit: recordOf(CHAIN_ROLES, unitInterval),
  });
  const o = resolved.options;
  const untargeted = o.untargeted ?? CHAIN_ZONE_UNTARGETED_FIT;
  const zoneMember = o.zoneMember ?? ZONE_MEMBER_FIT;
  const roleFit = o.roleFit ?? CHAIN_ROLE_FIT;
  const supplyRoleFit = o.supplyChainRoleFit ?? SUPPLY_CHAIN_ROLE_FIT;
  /** Per reference, per product: its {@link ChainZoneTarget} under these options. */
  const compiled = new WeakMap<MarketReference, WeakMap<FinancialProduct, ChainZoneTarget>>();
  let perReference: WeakMap<FinancialProduct, ChainZoneTarget> | undefined;
  let lastReference: MarketReference | undefined;
  // The last product scored: a ranking calls the factor for one product thousands of times in
  // a row (lazily filled key tables), so its form is looked up once per product there; a
  // sweep's sparse keys call it product after product, one look-up each.
  let lastTarget: FinancialProduct | undefined;
  let last: ChainZoneTarget | undefined;
  const compile = (target: FinancialProduct, reference: MarketReference): ChainZoneTarget => {
    if (reference !== lastReference || !perReference) {
      perReference = compiled.get(reference);
      if (!perReference) compiled.set(reference, (perReference = new WeakMap()));
      lastReference = reference;
    }
    let form = perReference.get(target);
    if (!form) {
      const { chains, zones } = servedBy(target, reference);
      form = {
        chains,
        zones,
        roles: target.type === 'supplyChainFinance' ? supplyRoleFit : roleFit,
        // A product some chain or zone lists, but not the firm's, is targeted elsewhere.
        otherwise:
          target.chains.length > 0 || target.zones.length > 0
            ? 0
            : listedProductIds(reference).has(target.id)
              ? 0
              : untargeted,
      };
      perReference.set(target, form);
    }
    return form;
  };
  return {
    name: 'chainZone',
    side: 'target',
    label: { zh: '产业链/专区契合度', en: 'chain/zone fit' },
    description: {
      zh: '企业是否位于产品服务的产业链或专区，以及在链上的角色（链主、配套企业）',
      en: 'whether the enterprise is on a chain or in a zone the product serves, and its role there',
    },
    key: chainZoneKey,
    // A product serving no chain or zone lists none and is listed by none, so `score` gives
    // every firm its fallback for an untargeted product.
    uniformValue({ target, reference }) {
      const { chains, zones } = servedBy(target, reference);
      return chains.size > 0 || zones.size > 0 ? undefined : untargeted;
    },
    score({ subject, target, reference }: EnterpriseProductContext) {
      // servesChain(c) ⇔ the product lists c, or chain c (reference) lists the product.
      if (target !== lastTarget || reference !== lastReference || !last) {
        last = compile(target, reference);
        lastTarget = target;
      }
      const { chains, zones, roles } = last;
      // One pass over the firm's memberships, plain loops (the fast path's hot call): the
      // same Math.max sequence as "targeted? then best over served chains, then zones".
      let served = false;
      let best = 0;
      for (const m of subject.chains) {
        if (chains.has(m.chainId)) {
          served = true;
          best = Math.max(best, roles[m.role]);
        }
      }
      for (const z of subject.zones) {
        if (zones.has(z)) {
          served = true;
          best = Math.max(best, zoneMember);
        }
      }
      return served ? best : last.otherwise;
    },
    // `score` is the best value among the memberships the product serves, else `otherwise`:
    // the TokenHook form, one token per chain membership (with its role) and per zone.
    tokens: {
      held(subject, env) {
        const tokens = chainZoneTokens(env.reference);
        const held: SubjectKeyValue[] = [];
        for (const m of subject.chains) held.push(tokens.membership(m.chainId, m.role));
        for (const z of subject.zones) held.push(tokens.zone(z));
        return held;
      },
      compile(target, env) {
        const form = compile(target, env.reference);
        return (form.tokens ??= tokenValuesOf(form, zoneMember, chainZoneTokens(env.reference)));
      },
    },
    spec: resolved.spec,
  };
}
