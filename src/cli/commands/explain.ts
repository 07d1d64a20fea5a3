/**
 * `finmatch explain`: why one enterprise–product (or project–investor) pair scores what it
 * does, or why it is not eligible and what would make it so.
 *
 * @module
 */
import type { Explanation, Profile, RuleOutcomeState } from '../../engine/types.js';
import { EXIT_OK } from '../exit-codes.js';
import { byLocale, factorLabels, formatScore } from '../matching/format.js';
import {
  idLookup,
  loadInputs,
  lookupIds,
  rejectPositionals,
  requireFile,
  resolveAsOf,
  skipUnreferenced,
} from '../matching/inputs.js';
import { matcherOptions } from '../matching/matchers.js';
import {
  dataFileOptions,
  ENTERPRISE_PRODUCT_REFERENCE,
  MATCHING_OPTIONS,
  type DataFileOption,
} from '../matching/options.js';
import { loadProfileOption } from '../matching/profile.js';
import type { CliCommand, CliContext } from '../types.js';

/** Order of the rules table: failures, then passes, then rules that did not apply. */
const OUTCOME_ORDER: Readonly<Record<RuleOutcomeState, number>> = {
  fail: 0,
  pass: 1,
  'not-applicable': 2,
};

/** Longest message or hint cell in the rules table, in display columns. */
const RULE_TEXT_MAX_WIDTH = 60;

/** The `explain` command. */
export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'explain one enterprise–product or project–investor pair: rules, hints, contributions',
  usage:
    'finmatch explain (--enterprise ID --product ID --enterprises FILE --products FILE | --project ID --investor ID --projects FILE --investors FILE) [--format table|json] [--locale zh|en] [--as-of DATE] [--profile FILE]',
  options: {
    enterprise: { type: 'string', valueName: 'ID', description: 'the enterprise of the pair' },
    product: { type: 'string', valueName: 'ID', description: 'the financial product of the pair' },
    project: { type: 'string', valueName: 'ID', description: 'the S&T project of the pair' },
    investor: { type: 'string', valueName: 'ID', description: 'the investor of the pair' },
    ...dataFileOptions(
      [],
      ['products', 'enterprises', 'projects', 'investors', ...ENTERPRISE_PRODUCT_REFERENCE],
    ),
    ...MATCHING_OPTIONS,
  },
  examples: [
    'finmatch explain --enterprises data/enterprises.jsonl --products data/products.jsonl --enterprise ent-000001 --product prod-0181',
    'finmatch explain --projects data/projects.jsonl --investors data/investors.jsonl --project proj-001 --investor inv-001 --locale en',
  ],
  async run(ctx) {
    rejectPositionals(ctx);
    const enterpriseProduct =
      ctx.string('enterprise') !== undefined || ctx.string('product') !== undefined;
    const projectInvestor =
      ctx.string('project') !== undefined || ctx.string('investor') !== undefined;
    if (enterpriseProduct === projectInvestor)
      ctx.usageError(
        ctx.t(
          '请给出 --enterprise ID --product ID，或 --project ID --investor ID',
          'give either --enterprise ID --product ID, or --project ID --investor ID',
        ),
      );
    const [subjectOption, targetOption, subjectFile, targetFile] = enterpriseProduct
      ? (['enterprise', 'product', 'enterprises', 'products'] as const)
      : (['project', 'investor', 'projects', 'investors'] as const);
    for (const option of [subjectOption, targetOption, subjectFile, targetFile]) {
      if (ctx.string(option) === undefined)
        ctx.usageError(
          ctx.t(
            `缺少 --${option}（使用 --${enterpriseProduct ? 'enterprise/--product' : 'project/--investor'} 时必填）`,
            `missing --${option} (needed with --${enterpriseProduct ? 'enterprise/--product' : 'project/--investor'})`,
          ),
        );
    }
    const files: DataFileOption[] = [subjectFile, targetFile, ...ENTERPRISE_PRODUCT_REFERENCE];
    const { asOf } = await resolveAsOf(ctx, files);
    // The subject is looked up; the targets are read whole (a matcher prepares its factors on
    // the whole catalogue).
    const inputs = await loadInputs(
      ctx,
      files,
      idLookup(ctx, subjectFile, [ctx.string(subjectOption)!]),
    );
    skipUnreferenced(ctx, inputs, asOf);
    const engine = await import('../../engine/index.js');

    if (enterpriseProduct) {
      const enterprises = requireFile(inputs, 'enterprises');
      const products = requireFile(inputs, 'products');
      const [enterprise] = lookupIds(ctx, enterprises, [ctx.string('enterprise')!], {
        zh: '企业',
        en: 'enterprise',
      });
      const [product] = lookupIds(ctx, products, [ctx.string('product')!], {
        zh: '产品',
        en: 'product',
      });
      const profile = await loadProfileOption(ctx, engine.enterpriseProductProfile);
      const matcher = engine.createProductMatcher(
        products.records,
        matcherOptions(ctx, inputs, asOf, profile),
      );
      const explanation = matcher.explain(enterprise!, product!.id);
      print(ctx, matcher.profile, explanation, {
        subject: ['enterpriseId', enterprise!.id, enterprise!.name],
        target: ['productId', product!.id, product!.name],
        asOf,
      });
      // An enterprise eligible for nothing: point to the near-miss report `rank` prints.
      if (
        !explanation.eligible &&
        ctx.format === 'table' &&
        matcher.nearMisses(enterprise!, { nearest: 1, changes: 1 }).eligible === 0
      ) {
        ctx.println();
        ctx.println(
          byLocale(
            ctx,
            `该企业没有任何可申请的产品；finmatch rank --id ${enterprise!.id} 列出最接近的产品和可解锁产品的改动。`,
            `This enterprise is eligible for no product; finmatch rank --id ${enterprise!.id} lists its nearest misses and the changes that would unlock products.`,
          ),
        );
      }
    } else {
      const projects = requireFile(inputs, 'projects');
      const investors = requireFile(inputs, 'investors');
      const [project] = lookupIds(ctx, projects, [ctx.string('project')!], {
        zh: '项目',
        en: 'project',
      });
      const [investor] = lookupIds(ctx, investors, [ctx.string('investor')!], {
        zh: '投资机构',
        en: 'investor',
      });
      const profile = await loadProfileOption(ctx, engine.projectInvestorProfile);
      const matcher = engine.createInvestorMatcher(
        investors.records,
        matcherOptions(ctx, inputs, asOf, profile),
      );
      const explanation = matcher.explain(project!, investor!.id);
      print(ctx, matcher.profile, explanation, {
        subject: ['projectId', project!.id, project!.name],
        target: ['investorId', investor!.id, investor!.name],
        asOf,
      });
    }
    return EXIT_OK;
  },
};

/** The JSON object of an explanation (see the command's documentation for its fields). */
export function explanationJson(
  explanation: Explanation,
  ids: Readonly<Record<string, string>>,
): Record<string, unknown> {
  return {
    ...ids,
    eligible: explanation.eligible,
    score: explanation.score,
    rules: explanation.rules.map((r) => ({
      rule: r.rule,
      passed: r.passed,
      outcome: r.outcome,
      message: r.message,
      hint: r.hint,
      ...(r.change !== undefined ? { change: r.change } : {}),
      ...(r.actual !== undefined ? { actual: r.actual } : {}),
      ...(r.required !== undefined ? { required: r.required } : {}),
    })),
    contributions: explanation.contributions,
    factors: explanation.factors,
    weights: explanation.weights,
    abstained: explanation.abstained,
    summary: explanation.summary,
    profile: explanation.profile,
  };
}

function print<S, T>(
  ctx: CliContext,
  profile: Profile<S, T>,
  explanation: Explanation,
  pair: { subject: [string, string, string]; target: [string, string, string]; asOf: string },
): void {
  const [subjectKey, subjectId, subjectName] = pair.subject;
  const [targetKey, targetId, targetName] = pair.target;
  if (ctx.format === 'json') {
    ctx.printJsonLine(
      explanationJson(explanation, { [subjectKey]: subjectId, [targetKey]: targetId }),
    );
    return;
  }
  ctx.println(`${subjectId} ${subjectName} × ${targetId} ${targetName}`);
  ctx.println(
    explanation.eligible
      ? byLocale(
          ctx,
          `符合条件，得分 ${formatScore(explanation.score)}（评估日 ${pair.asOf}，方案 ${explanation.profile.name} ${explanation.profile.version}）`,
          `Eligible, score ${formatScore(explanation.score)} (as of ${pair.asOf}, profile ${explanation.profile.name} ${explanation.profile.version})`,
        )
      : byLocale(
          ctx,
          `不符合条件：${explanation.exclusions.length} 项规则未通过（评估日 ${pair.asOf}）`,
          `Not eligible: ${explanation.exclusions.length} rule(s) failed (as of ${pair.asOf})`,
        ),
  );
  ctx.println();
  const ruleLabel = new Map(
    profile.rules.map((r) => [
      r.name,
      r.label ? (ctx.locale === 'en' ? r.label.en : r.label.zh) : r.name,
    ]),
  );
  ctx.printTable(
    [
      { header: byLocale(ctx, '规则', 'Rule') },
      { header: byLocale(ctx, '结果', 'Result') },
      { header: byLocale(ctx, '说明', 'Message'), maxWidth: RULE_TEXT_MAX_WIDTH },
      { header: byLocale(ctx, '改进建议', 'Hint') },
    ],
    // Failed rules first: they are what an officer needs to act on; rules that did not apply
    // last, marked as such (never as a pass: they checked nothing).
    [...explanation.rules]
      .sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome])
      .map((r) => [
        ruleLabel.get(r.rule) ?? r.rule,
        r.outcome === 'fail'
          ? byLocale(ctx, '✗ 未通过', '✗ fail')
          : r.outcome === 'not-applicable'
            ? byLocale(ctx, '– 不适用', '– n/a')
            : byLocale(ctx, '✓ 通过', '✓ pass'),
        r.message,
        r.outcome === 'fail' ? r.hint : '',
      ]),
  );
  if (explanation.eligible) {
    ctx.println();
    const label = factorLabels(profile, ctx.locale);
    ctx.printTable(
      [
        { header: byLocale(ctx, '因子', 'Factor') },
        { header: byLocale(ctx, '取值', 'Value'), align: 'right' },
        { header: byLocale(ctx, '权重', 'Weight'), align: 'right' },
        { header: byLocale(ctx, '贡献', 'Contribution'), align: 'right' },
      ],
      Object.entries(explanation.contributions)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, c]) => {
          const value = explanation.factors[name];
          return [
            label(name),
            value === null || value === undefined
              ? byLocale(ctx, '弃权', 'abstained')
              : formatScore(value),
            formatScore(explanation.weights[name] ?? 0),
            formatScore(c),
          ];
        }),
    );
    ctx.println(
      byLocale(
        ctx,
        `各项贡献之和 = 得分 ${formatScore(explanation.score)}`,
        `contributions add up to the score ${formatScore(explanation.score)}`,
      ),
    );
  }
  if (explanation.summary.length > 0) {
    ctx.println();
    for (const line of explanation.summary) ctx.println(line);
  }
}
