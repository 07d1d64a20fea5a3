/**
 * The engine operations the service offers, over a {@link MarketState}: one function per
 * operation, used by the live workers and by audits (which replay the state and run the same
 * function on the stored request), so a ranking is recomputed by the code that produced it.
 *
 * Each operation gets its request already validated against its schema (`../api/schemas.ts`)
 * and the caller's scope: an institution key sees only its institution's products.
 *
 * @module
 */
import { OptionError } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { parseRecord } from '../../model/parse.js';
import type { Enterprise, Project } from '../../model/types.js';
import { assign } from '../../assign/assign.js';
import type { MatchBase } from '../../engine/api.js';
import type { Operation, OperationRequest } from '../api/schemas.js';
import { KIND_NAMES_ZH, unknownIdError, type MarketState } from './state.js';

/** Who is asking: an institution key is limited to its own products. */
export interface Scope {
  /** Set for institution keys. */
  institutionId?: string;
  locale: Locale;
}

/** A page of ranked results. */
export interface Page<T> {
  items: T[];
  /** Results skipped before `items`. */
  offset: number;
  /** Whether a next page exists. */
  hasMore: boolean;
}

type Handler<O extends Operation> = (
  state: MarketState,
  request: OperationRequest<O>,
  scope: Scope,
) => unknown;

/** A product the caller may see (institutions: only their own; others read as unknown). */
function visibleProduct(state: MarketState, productId: string, scope: Scope) {
  const product = state.records.product.get(productId);
  if (
    product === undefined ||
    (scope.institutionId !== undefined && product.institutionId !== scope.institutionId)
  )
    throw unknownIdError('product', productId, scope.locale);
  return product;
}

function subject<K extends 'enterprise' | 'project'>(
  state: MarketState,
  kind: K,
  byId: string | undefined,
  inline: unknown,
  scope: Scope,
): K extends 'enterprise' ? Enterprise : Project {
  const idField = `${kind}Id`;
  if ((byId === undefined) === (inline === undefined))
    throw new OptionError(
      idField,
      scope.locale === 'en'
        ? `give exactly one of ${idField} (a stored ${kind}) or ${kind} (a record)`
        : `请给出 ${idField}（已存储的${KIND_NAMES_ZH[kind]}）或 ${kind}（一条记录）中的一个`,
    );
  if (byId !== undefined) {
    const r = state.records[kind].get(byId);
    if (r === undefined) throw unknownIdError(kind, byId, scope.locale);
    return r as never;
  }
  return parseRecord(kind, inline, { locale: scope.locale }) as never;
}

function page<T extends MatchBase>(all: T[], offset: number, k: number): Page<T> {
  return { items: all.slice(offset, offset + k), offset, hasMore: all.length > offset + k };
}

const handlers: { [O in Operation]: Handler<O> } = {
  rankProducts(state, r, scope) {
    const enterprise = subject(state, 'enterprise', r.enterpriseId, r.enterprise, scope);
    const matcher = state.matchers.products[scope.locale];
    const own = scope.institutionId;
    // An institution sees its own products only: rank them all, then keep its own.
    const all = matcher.rankProducts(enterprise, {
      k: own === undefined ? r.offset + r.k + 1 : Infinity,
      includeIneligible: r.includeIneligible,
    });
    const visible =
      own === undefined
        ? all
        : all
            .filter((m) => state.records.product.get(m.productId)?.institutionId === own)
            .map((m, i) => ({ ...m, rank: i + 1 }));
    return page(visible, r.offset, r.k);
  },
  prospect(state, r, scope) {
    const product = visibleProduct(state, r.productId, scope);
    const f = r.filter;
    const all = state.matchers.enterprises.prospectEnterprises(product, {
      k: r.offset + r.k + 1,
      ...(f === undefined ? {} : { filter: f }),
    });
    return page(all, r.offset, r.k);
  },
  explain(state, r, scope) {
    visibleProduct(state, r.productId, scope);
    const enterprise = subject(state, 'enterprise', r.enterpriseId, r.enterprise, scope);
    return state.matchers.products[scope.locale].explain(enterprise, r.productId);
  },
  bundles(state, r, scope) {
    const enterprise = subject(state, 'enterprise', r.enterpriseId, r.enterprise, scope);
    return {
      items: state.matchers.products[scope.locale].recommendBundles(enterprise, { k: r.k }),
    };
  },
  rankInvestors(state, r, scope) {
    const project = subject(state, 'project', r.projectId, r.project, scope);
    const all = state.matchers.investors[scope.locale].rankInvestors(project, {
      k: r.offset + r.k + 1,
    });
    return page(all, r.offset, r.k);
  },
  rankProjects(state, r, scope) {
    const investor = state.records.investor.get(r.investorId);
    if (investor === undefined) throw unknownIdError('investor', r.investorId, scope.locale);
    const all = state.matchers.projects.rankProjects(investor, { k: r.offset + r.k + 1 });
    return page(all, r.offset, r.k);
  },
  explainInvestor(state, r, scope) {
    const project = subject(state, 'project', r.projectId, r.project, scope);
    if (!state.records.investor.has(r.investorId))
      throw unknownIdError('investor', r.investorId, scope.locale);
    return state.matchers.investors[scope.locale].explain(project, r.investorId);
  },
  assign(state, r, scope) {
    const pick = <T>(kind: 'project' | 'investor', ids: readonly string[] | undefined): T[] => {
      const map = state.records[kind] as unknown as ReadonlyMap<string, T>;
      if (ids === undefined) return [...map.keys()].sort().map((id) => map.get(id)!);
      return [...new Set(ids)].sort().map((id) => {
        const rec = map.get(id);
        if (rec === undefined) throw unknownIdError(kind, id, scope.locale);
        return rec;
      });
    };
    const out = assign(pick('project', r.projectIds), pick('investor', r.investorIds), {
      method: r.method,
      matcher: state.matchers.investors[scope.locale],
      locale: scope.locale,
    });
    // The preference lists and every eligible pair can be large; the assignment is the answer.
    return {
      method: out.method,
      assignments: out.assignments,
      unassigned: out.unassigned,
      totalScore: out.totalScore,
      capacityUse: out.capacityUse,
      // Counted without building the pair objects (2.6 million in a 10,000 × 2,000 event).
      eligiblePairs: out.eligiblePairCount,
    };
  },
};

/** Runs one operation on a state. Throws the library's typed errors. */
export function runOperation<O extends Operation>(
  state: MarketState,
  operation: O,
  request: OperationRequest<O>,
  scope: Scope,
): unknown {
  return (handlers[operation] as Handler<O>)(state, request, scope);
}
