/**
 * The Chinese text of the help: each command's summary and each option's description. The
 * commands declare their help in English beside their options; this catalogue gives the same
 * text in Chinese, so `finmatch --help` under `--locale zh` (the default) is in one language.
 * `test/cli/locale.test.ts` fails when an option or a command has no entry here.
 *
 * @module
 */
import { DEFAULT_AS_OF } from '../generate/calibration.js';
import { MAX_SWEEP_THREADS } from '../batch/sweep-options.js';
import { DEFAULT_SPLIT_MONTHS } from '../eval/defaults.js';

/** Summary of each command in Chinese, by command name. */
export const COMMAND_SUMMARY_ZH: Readonly<Record<string, string>> = {
  validate: '检查记录文件（JSONL、JSON 或 CSV），逐行报告每条错误',
  generate: '生成合成市场数据（企业、产品、项目、投资机构……），写成 JSONL 文件',
  demo: '在内存中生成平台规模的市场，汇总并演示匹配（中英文）',
  evaluate: '按 trec_eval 语义评估排序结果：nDCG、MAP、MRR、P、召回率、命中率',
  rank: '为企业排出可申请的金融产品，并列出各因子贡献',
  prospect: '为金融产品找出最合适的可申请企业（可按产业链、专区、地区筛选）',
  match: '为科技项目排出合适的投资机构（--reverse：为投资机构排项目）',
  assign: '在容量约束下把科技项目分配给投资机构（稳定匹配或最优匹配）',
  explain: '解释一对企业–产品或项目–投资机构：规则、改进建议、因子贡献',
  bundles: '推荐覆盖各项需求的互补产品组合（贷款 + 保险……）',
  tune: '在训练查询上调优方案权重（网格/随机/坐标搜索，k 折交叉验证），在留出查询上评估，并写成 JSON',
  sweep: '用本机各核为每家企业计算最佳产品，写成 JSON 行或 Arrow 文件',
  serve: '在数据库上运行 HTTP 服务（记录、排序、挖掘、结果反馈、审计）',
  export: '把服务数据库中的记录写成 JSONL 文件（sweep 和 rank 读取的目录结构）',
};

/** Description of each option in Chinese, by option name (the same in every command that has it). */
export const OPTION_DESCRIPTION_ZH: Readonly<Record<string, string>> = {
  help: '显示本帮助',
  quiet: '安静模式：只输出结果和错误，不显示进度和提示信息',
  kind: '文件中记录的类型',
  format: '输出格式：便于阅读的表格，或每行一个 JSON 对象（便于程序处理）',
  locale: '消息语言：zh（简体中文，默认）或 en（英文）',
  encoding: '输入文件的编码（gb18030/gbk：中文 Windows 上 Excel 保存的文件）',
  'input-format':
    '文件格式；默认由扩展名判断（.jsonl/.ndjson、.json、.csv）；读取标准输入（-）时默认为 jsonl',
  products: '金融产品文件（JSONL、JSON 或 CSV；- 表示标准输入）',
  enterprises: '企业文件（- 表示标准输入）',
  projects: '科技项目文件（- 表示标准输入）',
  investors: '投资机构文件（- 表示标准输入）',
  institutions: '金融机构文件（参考数据）',
  chains: '产业链文件（参考数据）',
  zones: '专区文件（参考数据）',
  interactions: '历史交互记录（协同信号）',
  k: '每个对象返回的结果数（正整数）',
  'as-of': '评估日期 YYYY-MM-DD（默认：数据文件旁 manifest.json 中的 asOf，否则为今天，UTC）',
  profile:
    '调优后的方案 JSON（即 finmatch tune --out 写出的文件，或 {"weights": {因子: 权重}, "dropFactors": [..], "dropRules": [..]}）',
  text: '在方案中加入文本因子（finmatch/text，基于中英文描述的 BM25）',
  'run-tag': '--format trec 输出的最后一列 runtag（不含空格）',
  offset: '跳过排序中的前 N 家企业，显示其后的 --k 家（分页；名次仍为完整排序中的位置）',
  region: '只看 GB/T 2260 行政区划代码以 PREFIX 开头的企业（如 32、3205）',
  zone: '只看该专区内的企业（重复时满足其一即可）',
  reverse: '为投资机构排项目，而不是为项目排投资机构',
  explain: '同时输出分配所用的偏好列表，以及每个可行配对及其得分',
  enterprise: '配对中的企业',
  product: '配对中的金融产品',
  project: '配对中的科技项目',
  investor: '配对中的投资机构',
  run: '排序结果：TREC 格式 "qid Q0 docid rank score tag" 行，或 JSONL {qid,docid,score}（.jsonl/.ndjson）；- 表示标准输入',
  qrels:
    '相关性判断：TREC 格式 "qid 0 docid rel" 行，或 JSONL {qid,docid,rel}（.jsonl/.ndjson）；- 表示标准输入',
  metrics:
    '逗号分隔的指标：ndcg@k、map、map@k、mrr、recall@k、p@k、hit@k（也接受 trec_eval 的名称）',
  report: '另外把独立的 HTML 报告写入 FILE',
  'per-query': '表格输出时也列出每个查询（json 输出总是包含）',
  complete: '同 trec_eval -c：qrels 中有而结果中没有的查询计 0 分，并对全部查询取平均',
  'relevance-level': '计为相关的最小判断值，同 trec_eval -l',
  'no-relevant': '没有相关判断的查询：计 0 分并参与平均（trec_eval 的做法），或排除',
  full: '校验每一条记录（较慢），而不是每部分均匀抽取 20,000 条',
  'summary-only': '只输出市场汇总，不演示匹配',
  scale: '规模：seed 与平台公布的数字一致（345,800 家企业），small 约为其 1%',
  metric: '要最大化的指标（finmatch/eval 中的任一名称）',
  folds: '在训练查询上做交叉验证的折数',
  trials: '随机搜索：尝试的配置数',
  queries: '最多使用这么多个有判断的查询（按种子抽样），含训练和留出',
  'holdout-fraction': '留出查询 id 哈希值小于 F 的查询，F 在 (0, 1) 内（默认划分，F = 0.3）',
  'holdout-date':
    '留出 DATE 当天及之后的判断（须晚于 --split-date），查询记为 <对象 id>@DATE；更早的用于训练',
  'holdout-ids': '留出这些逗号分隔的查询 id（对象 id，或 <id>@DATE）',
  'holdout-file': '留出 FILE 中列出的查询 id（每行一个或逗号分隔；# 开头为注释）',
  'split-date': `DATE 当天及之后的交互作为相关性判断（默认：--as-of 前 ${DEFAULT_SPLIT_MONTHS} 个月）`,
  tried: '把尝试过的每个配置写成 TSV',
  learn: '同时在训练查询上拟合学习型策略，并作为方案写在 --out 旁（<out>.learned.json）',
  threads: `参与计算的线程数 0..${MAX_SWEEP_THREADS}（本机核数），含当前线程（N − 1 个工作线程；0 或 1：只在当前线程中运行）`,
  shard: '只处理企业按 id 哈希分成 n 份中的第 i 份（0 ≤ i < n）',
  database: '数据库：嵌入式数据库（PGlite）的目录、memory:（临时数据库）或 postgres:// 地址',
  port: 'TCP 端口（0 表示任一空闲端口）',
  host: '监听地址（0.0.0.0 表示所有网络接口）',
  demo: '数据库为空时载入 seed 规模的生成市场，并打印一个平台密钥和一个机构密钥',
  'seed-market': '数据库为空时载入该规模的生成市场',
  'bootstrap-key-file': '数据库中还没有 API 密钥时，创建一个平台密钥并写入 FILE（权限 600）',
  workers: '引擎工作线程数（0 表示主线程）',
  'refit-interval': '每隔这么多秒根据新的结果事件重新拟合（0 表示只在 POST /v1/model/refit 时）',
  'sync-interval': '每隔这么多毫秒轮询变更日志，获取其他副本的写入',
  'worker-heap': '每个引擎工作线程的堆大小（默认：可用内存（含容器限制）由各线程分摊，至少 4096）',
  'rate-limit': '每个 API 密钥每秒请求数（突发 2 倍）',
  'body-limit': '请求体上限（MB）',
  timeout: '单次引擎调用的最长时间（秒）',
  'no-truth':
    '不写出隐藏的真实匹配度：truth-enterprise-product.jsonl（每家企业一行 {"enterpriseId","fits":{产品 id: 匹配度}}）和 truth-project-investor.jsonl（每个项目一行 {"projectId","fits":{投资机构 id: 匹配度}}），即每个可行配对在 (0, 1] 内的真实匹配度，缺省为 0',
  seq: '要导出的变更日志位置（即该位置之后那一刻的记录）；默认：最新',
};

/**
 * Descriptions that differ by command, by command then option name; they take precedence
 * over {@link OPTION_DESCRIPTION_ZH}.
 */
export const COMMAND_OPTION_DESCRIPTION_ZH: Readonly<
  Record<string, Readonly<Record<string, string>>>
> = {
  rank: {
    id: '要为其排序产品的企业（默认：所有企业）',
    format:
      '输出格式：表格、每行一个 JSON 对象，或供 finmatch evaluate 读取的 TREC 排序结果（"qid Q0 docid rank score runtag"）',
  },
  prospect: {
    id: '要为其挖掘企业的产品（默认：所有产品）',
    chain: '只看该产业链上的企业（重复时满足其一即可）',
    format:
      '输出格式：表格、每行一个 JSON 对象，或供 finmatch evaluate 读取的 TREC 排序结果（"qid Q0 docid rank score runtag"）',
  },
  match: { id: '要为其排序投资机构的项目，或在 --reverse 时为投资机构（默认：全部）' },
  bundles: { id: '要为其推荐组合的企业（默认：所有企业）' },
  assign: {
    method: 'stable：项目提议的延迟接受算法（无阻塞对）；optimal：总得分最大',
    chain: '只分配该产业链上的项目（“一月一链”活动）',
  },
  tune: {
    method: '搜索方法',
    seed: '交叉验证分折、抽样和随机搜索的种子',
    out: '把最佳方案写成 JSON（用 --profile 载入）',
  },
  generate: {
    out: '写入文件的目录（不存在时创建）',
    seed: '所有随机选择的种子（0–4294967295 的整数）',
    'as-of': `生成市场所针对的评估日期（默认 ${DEFAULT_AS_OF}）`,
  },
  demo: { seed: '生成市场的种子' },
  sweep: {
    out: '结果写入的文件，按企业 id 排序（JSONL：每家企业一行；Arrow：每个匹配一行，没有可申请产品的企业没有行）',
    format:
      'jsonl：每行 {"enterpriseId","matches":[{"productId","score","rank"}]}；arrow：Apache Arrow IPC 文件（enterpriseId、rank、productId、score），可直接用 pyarrow、polars、DuckDB 打开（默认：--out 以 .arrow 结尾时为 arrow，否则为 jsonl）',
    contributions:
      '同时写出每个匹配的各因子贡献（JSONL：每个匹配一个 contributions 对象；Arrow：每个因子一列 contribution_<因子>）',
  },
  serve: { 'as-of': '引擎的评估日期（默认：每次重新拟合时的今天，UTC）' },
  export: {
    database:
      '由 finmatch serve 使用的数据库：嵌入式数据库目录（不能正被运行中的服务打开）或 postgres:// 地址',
    out: '写入 enterprises.jsonl、products.jsonl…… 和 manifest.json 的目录（不存在时创建；其中已有的导出会被替换）',
    'as-of': '写入 manifest.json 的评估日期，供 sweep 和 rank 使用（默认：不写，它们使用今天）',
  },
};

/** The Chinese description of `option` in `command`, when the catalogue has one. */
export function optionDescriptionZh(command: string, option: string): string | undefined {
  return COMMAND_OPTION_DESCRIPTION_ZH[command]?.[option] ?? OPTION_DESCRIPTION_ZH[option];
}
