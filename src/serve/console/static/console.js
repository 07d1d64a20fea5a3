/* global document, window, sessionStorage, fetch, Blob */
/**
 * finmatch officer console: one ES module, no framework, no build step. It calls only the
 * service's public HTTP API with the key the officer pastes; the key is kept in this tab's
 * sessionStorage and sent as `Authorization: Bearer …`, never in a URL. Every piece of data is
 * rendered with textContent (never innerHTML), and every text of the page comes from MESSAGES
 * in the chosen locale; the API's own texts (errors, rule messages, hints) come in that locale
 * too, through Accept-Language.
 */

/** Storage keys (sessionStorage: gone when the tab closes). */
const KEY_STORAGE = 'finmatch.console.key';
const LOCALE_STORAGE = 'finmatch.console.locale';
/** The form of an API key: `fmk_<16 hex id>_<secret>` (docs/serve.md, "Keys and roles"). */
const KEY_PATTERN = /^fmk_([0-9a-f]{16})_[A-Za-z0-9_-]+$/;
/** Largest page the list routes return (MAX_PAGE_SIZE in src/serve/api/schemas.ts). */
const LIST_LIMIT = 1000;
/** Products ranked for an enterprise in one call (eligible and not), the route's k. */
const ENTERPRISE_K = 200;
/** Enterprise records fetched at once when naming a page of prospects. */
const FETCH_CONCURRENCY = 6;
/** Enterprises offered in the enterprise id list. */
const ENTERPRISE_SUGGESTIONS = 200;
/** Factor contributions shown as a row's reasons. */
const TOP_REASONS = 3;
/** Rules whose `actual` and `required` are codes, and the list of `codeNames` naming them. */
const RULE_CODES = {
  stage: 'stage',
  srdiTier: 'srdiTier',
  instrument: 'instrument',
  collateral: 'collateral',
  policyList: 'policyList',
};

/** Every text of the console, in both locales; functions take the values they show. */
const MESSAGES = {
  zh: {
    title: 'finmatch 产融对接 · 机构工作台',
    locale: '语言',
    logout: '退出',
    loginTitle: '登录',
    loginNote:
      '请粘贴本机构的 API 密钥。密钥只保存在当前标签页（sessionStorage），关闭标签页即清除，也不会出现在网址中。',
    apiKey: 'API 密钥',
    login: '登录',
    tabProspect: '客户挖掘',
    tabEnterprise: '企业视图',
    product: '产品',
    regions: '地区代码前缀',
    regionsHint: '如 44, 3205',
    sectors: '行业代码前缀',
    sectorsHint: '如 C39, I65',
    chain: '产业链',
    zone: '专区',
    any: '不限',
    pageSize: '每页条数',
    search: '查询',
    prev: '上一页',
    next: '下一页',
    exportCsv: '导出 CSV',
    page: (n) => `第 ${n} 页`,
    loading: '加载中…',
    prospectMeta: (v) =>
      `第 ${v.from}–${v.to} 名 · 排名编号 ${v.rankingId} · 模型 ${v.modelVersion} · 评估日 ${v.asOf}`,
    noProspects:
      '该页没有符合条件的企业。可放宽地区、行业、产业链或专区筛选，或在企业视图中查看某家企业未通过哪些准入规则。',
    colRank: '排名',
    colEnterprise: '企业编号',
    colName: '名称',
    colRegion: '地区',
    colSector: '行业',
    colSrdi: '专精特新等级',
    colScore: '得分',
    colReasons: '主要因素',
    colActions: '操作',
    colProduct: '产品',
    colFailed: '未通过的规则',
    colHint: '如何满足',
    explain: '解释',
    viewProducts: '适配产品',
    enterpriseId: '企业编号',
    enterpriseHint: '输入或选择企业编号',
    rank: '匹配产品',
    eligibleTitle: '符合条件的产品',
    eligibleMeta: (v) =>
      `${v.eligible} 个符合条件、${v.ineligible} 个暂不符合${v.more ? '（仅显示前 ' + v.shown + ' 个）' : ''} · 排名编号 ${v.rankingId}`,
    noEligible: '没有符合条件的产品，请查看下方可解锁产品的改变。',
    ineligibleTitle: '暂不符合条件的产品',
    unlockTitle: '可解锁更多产品的改变',
    unlockNote:
      '由下方各产品未通过的规则汇总（来自解释数据，未作推测）：满足某一项，对应规则即可通过；只差这一项的产品将因此符合条件。',
    unlockItem: (v) => `${v.label}：${v.fails} 个产品未通过此项，其中 ${v.only} 个只差这一项`,
    unlockNone: '没有暂不符合条件的产品。',
    unlockFixed: (v) => `${v.label}：${v.fails} 个产品（企业无法自行改变的条件）`,
    close: '关闭',
    explainTitle: (v) => `${v.enterprise} × ${v.product} 的匹配解释`,
    verdict: (v) =>
      v.eligible ? `符合条件，得分 ${v.score}` : `不符合条件：${v.failed} 项规则未通过`,
    profileLine: (v) => `排序策略 ${v.strategy} · 画像 ${v.name} ${v.version} · 模型 ${v.model}`,
    rulesTitle: '准入规则',
    factorsTitle: '评分因子（本次实际使用的权重）',
    summaryTitle: '说明',
    hintsTitle: '提示',
    evidenceTitle: '依据',
    colRule: '规则',
    colOutcome: '结果',
    colMessage: '说明',
    colActual: '企业情况',
    colRequired: '产品要求',
    colFactor: '因子',
    colValue: '因子值',
    colWeight: '权重',
    colContribution: '贡献',
    total: '合计（即得分）',
    abstained: '无数据，权重已分配给其他因子',
    outcome: { pass: '通过', fail: '未通过', 'not-applicable': '不适用' },
    roles: { platform: '平台', analyst: '分析', institution: '机构' },
    whoInstitution: (v) => `机构：${v.name}（${v.id}）· 密钥 ${v.keyId}`,
    whoRole: (v) => `角色：${v.role} · 密钥 ${v.keyId}`,
    whoKey: (v) => `密钥 ${v.keyId}`,
    noProducts: '该密钥没有可查看的产品。',
    card: {
      name: '名称',
      region: '地区',
      sector: '行业',
      stage: '发展阶段',
      srdi: '专精特新等级',
      need: '融资需求',
    },
    need: (v) => `${v.amount} 元，${v.term} 个月`,
    errNetwork: '无法连接服务，请检查网络后重试。',
    errKeyFormat: 'API 密钥格式不正确：应形如 fmk_<16 位十六进制编号>_<密钥>。',
    errEmptyEnterprise: '请输入企业编号。',
    errApi: (v) => `${v.message}（${v.code}，请求编号 ${v.requestId}）`,
    errBadResponse: (v) => `服务返回了无法识别的应答（HTTP ${v.status}）。`,
    csvFile: (v) => `客户挖掘-${v.productId}-${v.from}-${v.to}.csv`,
  },
  en: {
    title: 'finmatch · officer console',
    locale: 'Language',
    logout: 'Sign out',
    loginTitle: 'Sign in',
    loginNote:
      'Paste your institution’s API key. It is kept in this tab only (sessionStorage), cleared when the tab closes, and never put in a URL.',
    apiKey: 'API key',
    login: 'Sign in',
    tabProspect: 'Prospecting',
    tabEnterprise: 'Enterprise',
    product: 'Product',
    regions: 'Region code prefixes',
    regionsHint: 'e.g. 44, 3205',
    sectors: 'Sector code prefixes',
    sectorsHint: 'e.g. C39, I65',
    chain: 'Industrial chain',
    zone: 'Special zone',
    any: 'Any',
    pageSize: 'Per page',
    search: 'Search',
    prev: 'Previous',
    next: 'Next',
    exportCsv: 'Export CSV',
    page: (n) => `Page ${n}`,
    loading: 'Loading…',
    prospectMeta: (v) =>
      `Ranks ${v.from}–${v.to} · ranking ${v.rankingId} · model ${v.modelVersion} · as of ${v.asOf}`,
    noProspects:
      'No eligible enterprise on this page. Loosen the region, sector, chain or zone filters, or open an enterprise in the Enterprise view to see which eligibility rules it fails.',
    colRank: 'Rank',
    colEnterprise: 'Enterprise id',
    colName: 'Name',
    colRegion: 'Region',
    colSector: 'Sector',
    colSrdi: 'SRDI tier',
    colScore: 'Score',
    colReasons: 'Main factors',
    colActions: 'Actions',
    colProduct: 'Product',
    colFailed: 'Failed rules',
    colHint: 'How to meet them',
    explain: 'Explain',
    viewProducts: 'Products',
    enterpriseId: 'Enterprise id',
    enterpriseHint: 'type or pick an enterprise id',
    rank: 'Rank products',
    eligibleTitle: 'Eligible products',
    eligibleMeta: (v) =>
      `${v.eligible} eligible, ${v.ineligible} not yet eligible${v.more ? ` (first ${v.shown} shown)` : ''} · ranking ${v.rankingId}`,
    noEligible: 'No eligible product; see below what would unlock some.',
    ineligibleTitle: 'Products not yet eligible',
    unlockTitle: 'What would unlock more products',
    unlockNote:
      'Collected from the failed rules of the products below (explanation data, nothing guessed): meeting one makes that rule pass; the products failing only it become eligible.',
    unlockItem: (v) =>
      `${v.label}: ${v.fails} product${v.fails === 1 ? '' : 's'} fail this, ${v.only} fail only this`,
    unlockNone: 'No ineligible product.',
    unlockFixed: (v) =>
      `${v.label}: ${v.fails} product${v.fails === 1 ? '' : 's'} (a condition the enterprise cannot change)`,
    close: 'Close',
    explainTitle: (v) => `Why ${v.enterprise} × ${v.product}`,
    verdict: (v) =>
      v.eligible
        ? `eligible, score ${v.score}`
        : `not eligible: ${v.failed} rule${v.failed === 1 ? '' : 's'} failed`,
    profileLine: (v) =>
      `strategy ${v.strategy} · profile ${v.name} ${v.version} · model ${v.model}`,
    rulesTitle: 'Eligibility rules',
    factorsTitle: 'Factors (the weights this score really used)',
    summaryTitle: 'Summary',
    hintsTitle: 'Hints',
    evidenceTitle: 'Evidence',
    colRule: 'Rule',
    colOutcome: 'Outcome',
    colMessage: 'Detail',
    colActual: 'Enterprise has',
    colRequired: 'Product requires',
    colFactor: 'Factor',
    colValue: 'Value',
    colWeight: 'Weight',
    colContribution: 'Contribution',
    total: 'Total (= score)',
    abstained: 'no data; weight given to the other factors',
    outcome: { pass: 'pass', fail: 'fail', 'not-applicable': 'not applicable' },
    roles: { platform: 'platform', analyst: 'analyst', institution: 'institution' },
    whoInstitution: (v) => `Institution: ${v.name} (${v.id}) · key ${v.keyId}`,
    whoRole: (v) => `Role: ${v.role} · key ${v.keyId}`,
    whoKey: (v) => `Key ${v.keyId}`,
    noProducts: 'This key sees no product.',
    card: {
      name: 'Name',
      region: 'Region',
      sector: 'Sector',
      stage: 'Stage',
      srdi: 'SRDI tier',
      need: 'Financing need',
    },
    need: (v) => `${v.amount} yuan, ${v.term} months`,
    errNetwork: 'Cannot reach the service; check the network and retry.',
    errKeyFormat: 'That is not an API key: it looks like fmk_<16 hex id>_<secret>.',
    errEmptyEnterprise: 'Enter an enterprise id.',
    errApi: (v) => `${v.message} (${v.code}, request ${v.requestId})`,
    errBadResponse: (v) => `The service answered something unexpected (HTTP ${v.status}).`,
    csvFile: (v) => `prospects-${v.productId}-${v.from}-${v.to}.csv`,
  },
};

// ------------------------------------------------------------------------------------------
// State

const state = {
  locale: 'zh',
  key: '',
  view: 'prospect',
  /** Products the key sees, by id, in id order. */
  products: new Map(),
  /** Rule and factor labels of the enterprise–product profile, in the current locale. */
  labels: { rules: new Map(), factors: new Map(), codes: {} },
  /** Enterprise records fetched so far, by id. */
  enterprises: new Map(),
  /** The last prospect request and its answer. */
  prospect: null,
  /** The last enterprise ranking and its answer. */
  ranking: null,
  /** The open explanation: { enterpriseId, productId }. */
  explaining: null,
};

const $ = (id) => document.getElementById(id);
const t = (key) => MESSAGES[state.locale][key];

/** Creates an element; strings among `children` become text nodes (never HTML). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'onClick') node.addEventListener('click', value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function formatNumber(value, digits = 4) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function formatAmount(value) {
  return typeof value === 'number'
    ? new Intl.NumberFormat(state.locale === 'en' ? 'en-US' : 'zh-CN').format(value)
    : '—';
}

/** The name of a code of one list (`srdiTier`, `stage`…), or the code when it has none. */
function codeName(list, code) {
  return state.labels.codes[list]?.[code] ?? code;
}

/** An API value (number, code, list, boolean, null) as text; codes of `list` by their names. */
function formatValue(value, list) {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value))
    return value.length === 0
      ? '—'
      : value.map((v) => formatValue(v, list)).join(state.locale === 'en' ? ', ' : '、');
  if (typeof value === 'number') return formatAmount(value);
  return list && typeof value === 'string' ? codeName(list, value) : String(value);
}

function factorLabel(name) {
  return state.labels.factors.get(name) ?? name;
}
function ruleLabel(name) {
  return state.labels.rules.get(name) ?? name;
}
/** "name（id）" in Chinese, "name (id)" in English. */
function named(name, id) {
  return state.locale === 'en' ? `${name} (${id})` : `${name}（${id}）`;
}
/** The separator after a label: "：" in Chinese, ": " in English. */
function colon() {
  return state.locale === 'en' ? ': ' : '：';
}
/** The separator between items of a cell: "；" in Chinese, "; " in English. */
function separator() {
  return state.locale === 'en' ? '; ' : '；';
}
function productLabel(id) {
  const product = state.products.get(id);
  return product ? named(product.name, id) : id;
}

// ------------------------------------------------------------------------------------------
// The API

/** An error answered by the service, with its code and request id. */
class ApiError extends Error {
  constructor(status, body) {
    const error = body && typeof body === 'object' ? body.error : undefined;
    super(error?.message ?? '');
    this.status = status;
    this.code = error?.code;
    this.requestId = error?.requestId;
  }
}

/** Calls the API with the key and the locale; resolves to the JSON answer, throws ApiError. */
async function api(method, path, body) {
  const headers = {
    accept: 'application/json',
    'accept-language': state.locale,
    authorization: `Bearer ${state.key}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new Error(t('errNetwork'));
  }
  let json;
  try {
    json = await response.json();
  } catch {
    throw new Error(t('errBadResponse')({ status: response.status }));
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** Every record of a kind the key may list (pages of LIST_LIMIT). */
async function listAll(kind) {
  const records = [];
  for (let offset = 0; ; offset += LIST_LIMIT) {
    const page = await api('GET', `/v1/records/${kind}?offset=${offset}&limit=${LIST_LIMIT}`);
    records.push(...page.records);
    if (page.records.length < LIST_LIMIT || records.length >= page.total) return records;
  }
}

/** Enterprise records by id, fetched FETCH_CONCURRENCY at a time and kept. */
async function loadEnterprises(ids) {
  const missing = [...new Set(ids)].filter((id) => !state.enterprises.has(id));
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const id = missing[next++];
      const answer = await api('GET', `/v1/records/enterprises/${encodeURIComponent(id)}`);
      state.enterprises.set(id, answer.record);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, missing.length) }, worker));
}

// ------------------------------------------------------------------------------------------
// Errors and static text

function showError(error) {
  const box = $('error');
  if (error instanceof ApiError && error.code)
    box.textContent = t('errApi')({
      message: error.message,
      code: error.code,
      requestId: error.requestId ?? '—',
    });
  else box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

/** Runs an action, showing its error (in the current locale) instead of throwing. */
async function guarded(action) {
  clearError();
  try {
    await action();
  } catch (error) {
    showError(error);
  }
}

function applyStaticText() {
  document.documentElement.lang = state.locale === 'en' ? 'en' : 'zh-CN';
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]'))
    node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]'))
    node.placeholder = t(node.dataset.i18nPlaceholder);
  $('locale').value = state.locale;
}

// ------------------------------------------------------------------------------------------
// Session

async function loadProfileLabels() {
  const profile = await api('GET', '/v1/model/profile');
  state.labels = {
    rules: new Map(profile.rules.map((r) => [r.name, r.label])),
    factors: new Map(profile.factors.map((f) => [f.name, f.label])),
    codes: profile.codeNames ?? {},
  };
}

async function describeKey() {
  const keyId = KEY_PATTERN.exec(state.key)?.[1] ?? '';
  const who = $('who');
  who.textContent = t('whoKey')({ keyId });
  let row;
  try {
    row = (await api('GET', '/v1/keys')).keys.find((k) => k.id === keyId);
  } catch (error) {
    // An analyst key may not list keys: only the key id is shown.
    if (!(error instanceof ApiError && error.code === 'FORBIDDEN')) throw error;
  }
  if (row?.institutionId) {
    const institution = await api(
      'GET',
      `/v1/records/institutions/${encodeURIComponent(row.institutionId)}`,
    );
    who.textContent = t('whoInstitution')({
      name: institution.record.name,
      id: row.institutionId,
      keyId,
    });
  } else if (row) who.textContent = t('whoRole')({ role: t('roles')[row.role] ?? row.role, keyId });
}

function fillSelect(select, options, keep) {
  const previous = keep ? select.value : '';
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, label)));
  if (previous && options.some(([value]) => value === previous)) select.value = previous;
}

function fillReferenceSelects() {
  const en = state.locale === 'en';
  const name = (r) => (en && r.nameEn ? r.nameEn : r.name);
  fillSelect(
    $('product'),
    [...state.products.values()].map((p) => [p.id, `${p.name} · ${p.id}`]),
    true,
  );
  fillSelect(
    $('chain'),
    [['', t('any')], ...state.chains.map((c) => [c.id, `${name(c)} · ${c.id}`])],
    true,
  );
  fillSelect(
    $('zone'),
    [['', t('any')], ...state.zones.map((z) => [z.id, `${name(z)} · ${z.id}`])],
    true,
  );
}

/** Signs in with the stored key: loads what the key may see, then shows the views. */
async function start() {
  const products = await listAll('products');
  state.products = new Map(products.map((p) => [p.id, p]));
  const [chains, zones, enterprises] = await Promise.all([
    listAll('chains'),
    listAll('zones'),
    api('GET', `/v1/records/enterprises?limit=${ENTERPRISE_SUGGESTIONS}`),
    loadProfileLabels(),
    describeKey(),
  ]);
  state.chains = chains;
  state.zones = zones;
  $('enterprise-list').replaceChildren(
    ...enterprises.records.map((e) => el('option', { value: e.id, label: `${e.name} · ${e.id}` })),
  );
  fillReferenceSelects();
  $('login').hidden = true;
  $('tabs').hidden = false;
  $('logout').hidden = false;
  showView(state.view);
  if (products.length === 0) showError(new Error(t('noProducts')));
}

function signOut() {
  sessionStorage.removeItem(KEY_STORAGE);
  state.key = '';
  state.products = new Map();
  state.enterprises = new Map();
  state.prospect = null;
  state.ranking = null;
  for (const id of ['prospect-table', 'eligible-table', 'ineligible-table'])
    for (const part of $(id).children) part.replaceChildren();
  $('unlock').replaceChildren();
  $('enterprise-card').hidden = true;
  $('prospect-meta').textContent = '';
  $('eligible-meta').textContent = '';
  $('who').textContent = '';
  $('export').disabled = true;
  $('login').hidden = false;
  $('tabs').hidden = true;
  $('prospect').hidden = true;
  $('enterprise').hidden = true;
  $('logout').hidden = true;
  $('key').value = '';
  clearError();
}

function showView(view) {
  state.view = view;
  $('prospect').hidden = view !== 'prospect';
  $('enterprise').hidden = view !== 'enterprise';
  for (const tab of $('tabs').querySelectorAll('button'))
    tab.setAttribute('aria-selected', String(tab.dataset.view === view));
}

// ------------------------------------------------------------------------------------------
// Prospect view

/** Code prefixes typed by the officer: separated by commas, spaces or 、. */
function prefixesOf(text) {
  return text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function prospectRequest(offset) {
  const filter = {};
  const regions = prefixesOf($('regions').value);
  const sectors = prefixesOf($('sectors').value);
  if (regions.length > 0) filter.regions = regions;
  if (sectors.length > 0) filter.sectors = sectors;
  if ($('chain').value) filter.chains = [$('chain').value];
  if ($('zone').value) filter.zones = [$('zone').value];
  return {
    productId: $('product').value,
    k: Number($('page-size').value),
    offset,
    ...(Object.keys(filter).length > 0 ? { filter } : {}),
  };
}

async function runProspect(request) {
  $('prospect-meta').textContent = t('loading');
  const answer = await api('POST', '/v1/prospect', request);
  await loadEnterprises(answer.items.map((m) => m.enterpriseId));
  state.prospect = { request, answer };
  renderProspect();
}

/** The largest contributions of a result, as "label 0.123" items. */
function topReasons(contributions) {
  return Object.entries(contributions ?? {})
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_REASONS)
    .map(([name, value]) => `${factorLabel(name)} ${formatNumber(value, 3)}`);
}

/** The rows of the current prospect page, as the table and the CSV show them. */
function prospectRows() {
  const { answer } = state.prospect;
  return answer.items.map((m) => {
    const e = state.enterprises.get(m.enterpriseId) ?? {};
    return {
      rank: m.rank,
      enterpriseId: m.enterpriseId,
      name: e.name ?? '',
      region: e.region ?? '',
      sector: e.sector ?? '',
      srdi: codeName('srdiTier', e.srdi?.tier ?? 'none'),
      score: m.score,
      reasons: topReasons(m.contributions),
    };
  });
}

function prospectHeaders() {
  return [
    t('colRank'),
    t('colEnterprise'),
    t('colName'),
    t('colRegion'),
    t('colSector'),
    t('colSrdi'),
    t('colScore'),
    t('colReasons'),
  ];
}

function renderProspect() {
  const table = $('prospect-table');
  const [thead, tbody] = table.children;
  if (!state.prospect) return;
  const { request, answer } = state.prospect;
  const rows = prospectRows();
  thead.replaceChildren(
    el('tr', {}, ...[...prospectHeaders(), t('colActions')].map((h) => el('th', {}, h))),
  );
  tbody.replaceChildren(
    ...rows.map((r) =>
      el(
        'tr',
        { dataset: { enterprise: r.enterpriseId } },
        el('td', { className: 'num' }, String(r.rank)),
        el('td', {}, r.enterpriseId),
        el('td', {}, r.name),
        el('td', {}, r.region),
        el('td', {}, r.sector),
        el('td', {}, r.srdi),
        el('td', { className: 'num' }, formatNumber(r.score)),
        el('td', {}, r.reasons.join(separator())),
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              className: 'link',
              dataset: { action: 'explain' },
              onClick: () => guarded(() => openExplanation(r.enterpriseId, request.productId)),
            },
            t('explain'),
          ),
          ' ',
          el(
            'button',
            {
              type: 'button',
              className: 'link',
              onClick: () =>
                guarded(async () => {
                  $('enterprise-id').value = r.enterpriseId;
                  showView('enterprise');
                  await runRanking(r.enterpriseId);
                }),
            },
            t('viewProducts'),
          ),
        ),
      ),
    ),
  );
  const from = answer.offset + 1;
  const to = answer.offset + answer.items.length;
  $('prospect-meta').textContent =
    answer.items.length > 0
      ? t('prospectMeta')({
          from,
          to,
          rankingId: answer.rankingId,
          modelVersion: answer.modelVersion,
          asOf: answer.asOf,
        })
      : '';
  $('prospect-empty').hidden = answer.items.length > 0;
  $('prospect-empty').textContent = answer.items.length > 0 ? '' : t('noProspects');
  $('page').textContent = t('page')(Math.floor(answer.offset / request.k) + 1);
  $('prev').disabled = answer.offset === 0;
  $('next').disabled = !answer.hasMore;
  $('export').disabled = answer.items.length === 0;
}

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is prefixed. */
function csvField(value) {
  let text = typeof value === 'number' ? String(value) : String(value ?? '');
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The current prospect page as CSV: UTF-8 with a BOM (so Excel reads Chinese), CRLF lines. */
function prospectCsv() {
  const lines = [prospectHeaders()];
  for (const r of prospectRows())
    lines.push([
      r.rank,
      r.enterpriseId,
      r.name,
      r.region,
      r.sector,
      r.srdi,
      r.score,
      r.reasons.join(separator()),
    ]);
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function exportCsv() {
  const { request, answer } = state.prospect;
  const blob = new Blob([prospectCsv()], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = el('a', {
    href: url,
    download: t('csvFile')({
      productId: request.productId,
      from: answer.offset + 1,
      to: answer.offset + answer.items.length,
    }),
  });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ------------------------------------------------------------------------------------------
// Enterprise view

async function runRanking(enterpriseId) {
  $('eligible-meta').textContent = t('loading');
  const [answer] = await Promise.all([
    api('POST', '/v1/rank/products', { enterpriseId, k: ENTERPRISE_K, includeIneligible: true }),
    loadEnterprises([enterpriseId]),
  ]);
  state.ranking = { enterpriseId, answer };
  renderRanking();
}

function renderEnterpriseCard(e) {
  const card = $('enterprise-card');
  const labels = t('card');
  const rows = [
    [labels.name, named(e.name, e.id)],
    [labels.region, e.region],
    [labels.sector, e.sector],
    [labels.stage, codeName('stage', e.stage)],
    [labels.srdi, codeName('srdiTier', e.srdi?.tier ?? 'none')],
    [
      labels.need,
      t('need')({ amount: formatAmount(e.need?.amount), term: e.need?.termMonths ?? '—' }),
    ],
  ];
  card.replaceChildren(
    el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v ?? '—'))])),
  );
  card.hidden = false;
}

/**
 * What would unlock more products, from the failed rules of the ineligible ones: grouped by
 * the change the API names (`change.key`); counts how many products fail it and for how many
 * it is the only failure. When the API names changes, a failure without one is a condition
 * the enterprise cannot change (its region, its sector): listed apart, as such. An API that
 * names no change at all: grouped by rule, with the rule's hint.
 */
function unlockGroups(ineligible) {
  const exclusions = ineligible.flatMap((m) => m.exclusions ?? []);
  const namesChanges = exclusions.some((x) => x.change !== undefined);
  const groups = new Map();
  for (const m of ineligible) {
    const keys = new Set();
    for (const x of m.exclusions ?? []) {
      const fixed = namesChanges && x.change === undefined;
      const key = x.change?.key ?? `rule:${x.rule}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const group = groups.get(key) ?? {
        key,
        fixed,
        label: x.change?.label ?? (fixed ? ruleLabel(x.rule) : `${ruleLabel(x.rule)} — ${x.hint}`),
        fails: 0,
        only: 0,
      };
      group.fails += 1;
      groups.set(key, group);
    }
    if (keys.size === 1) groups.get([...keys][0]).only += 1;
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.fixed) - Number(b.fixed) ||
      b.only - a.only ||
      b.fails - a.fails ||
      (a.key < b.key ? -1 : 1),
  );
}

function renderRanking() {
  if (!state.ranking) return;
  const { enterpriseId, answer } = state.ranking;
  const enterprise = state.enterprises.get(enterpriseId);
  if (enterprise) renderEnterpriseCard(enterprise);
  const eligible = answer.items.filter((m) => m.eligible !== false);
  const ineligible = answer.items.filter((m) => m.eligible === false);
  $('eligible-meta').textContent =
    eligible.length > 0
      ? t('eligibleMeta')({
          eligible: eligible.length,
          ineligible: ineligible.length,
          more: answer.hasMore,
          shown: answer.items.length,
          rankingId: answer.rankingId,
        })
      : t('noEligible');

  const explainButton = (productId) =>
    el(
      'button',
      {
        type: 'button',
        className: 'link',
        dataset: { action: 'explain' },
        onClick: () => guarded(() => openExplanation(enterpriseId, productId)),
      },
      t('explain'),
    );

  const [ehead, ebody] = $('eligible-table').children;
  ehead.replaceChildren(
    el(
      'tr',
      {},
      ...[t('colRank'), t('colProduct'), t('colScore'), t('colReasons'), t('colActions')].map((h) =>
        el('th', {}, h),
      ),
    ),
  );
  ebody.replaceChildren(
    ...eligible.map((m) =>
      el(
        'tr',
        { dataset: { product: m.productId } },
        el('td', { className: 'num' }, String(m.rank)),
        el('td', {}, productLabel(m.productId)),
        el('td', { className: 'num' }, formatNumber(m.score)),
        el('td', {}, topReasons(m.contributions).join(separator())),
        el('td', {}, explainButton(m.productId)),
      ),
    ),
  );

  const [ihead, ibody] = $('ineligible-table').children;
  ihead.replaceChildren(
    el(
      'tr',
      {},
      ...[t('colProduct'), t('colFailed'), t('colHint'), t('colActions')].map((h) =>
        el('th', {}, h),
      ),
    ),
  );
  ibody.replaceChildren(
    ...ineligible.map((m) =>
      el(
        'tr',
        { dataset: { product: m.productId } },
        el('td', {}, productLabel(m.productId)),
        el(
          'td',
          {},
          el(
            'ul',
            {},
            ...(m.exclusions ?? []).map((x) =>
              el('li', {}, `${ruleLabel(x.rule)}${colon()}${x.message}`),
            ),
          ),
        ),
        el('td', {}, el('ul', {}, ...(m.exclusions ?? []).map((x) => el('li', {}, x.hint)))),
        el('td', {}, explainButton(m.productId)),
      ),
    ),
  );

  const groups = unlockGroups(ineligible);
  $('unlock').replaceChildren(
    ...(groups.length === 0
      ? [el('li', {}, t('unlockNone'))]
      : groups.map((g) =>
          el(
            'li',
            { dataset: { change: g.key } },
            t(g.fixed ? 'unlockFixed' : 'unlockItem')({
              label: g.label,
              fails: g.fails,
              only: g.only,
            }),
          ),
        )),
  );
}

// ------------------------------------------------------------------------------------------
// Explanations

async function openExplanation(enterpriseId, productId) {
  const [answer] = await Promise.all([
    api('POST', '/v1/explain', { enterpriseId, productId }),
    loadEnterprises([enterpriseId]),
  ]);
  state.explaining = { enterpriseId, productId, answer };
  renderExplanation();
  const dialog = $('explain');
  if (!dialog.open) dialog.showModal();
}

function table(headers, rows) {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows),
  );
}

function renderExplanation() {
  if (!state.explaining) return;
  const { enterpriseId, productId, answer } = state.explaining;
  const x = answer.explanation;
  const e = state.enterprises.get(enterpriseId);
  $('explain-title').textContent = t('explainTitle')({
    enterprise: e ? named(e.name, enterpriseId) : enterpriseId,
    product: productLabel(productId),
  });
  const outcomeOf = (r) => r.outcome ?? (r.passed ? 'pass' : 'fail');
  const outcomeClass = { pass: 'pass', fail: 'fail', 'not-applicable': 'na' };
  const rules = table(
    [
      t('colRule'),
      t('colOutcome'),
      t('colMessage'),
      t('colActual'),
      t('colRequired'),
      t('colHint'),
    ],
    x.rules.map((r) =>
      el(
        'tr',
        { dataset: { rule: r.rule } },
        el('td', {}, ruleLabel(r.rule)),
        el('td', { className: outcomeClass[outcomeOf(r)] }, t('outcome')[outcomeOf(r)]),
        el('td', {}, r.message),
        el('td', {}, formatValue(r.actual, RULE_CODES[r.rule])),
        el('td', {}, formatValue(r.required, RULE_CODES[r.rule])),
        el('td', {}, r.hint || ''),
      ),
    ),
  );
  const names = Object.keys(x.weights).sort(
    (a, b) => (x.contributions[b] ?? 0) - (x.contributions[a] ?? 0) || (a < b ? -1 : 1),
  );
  const total = names.reduce((sum, n) => sum + (x.contributions[n] ?? 0), 0);
  const factors = table(
    [t('colFactor'), t('colValue'), t('colWeight'), t('colContribution')],
    [
      ...names.map((n) =>
        el(
          'tr',
          { dataset: { factor: n } },
          el('td', {}, factorLabel(n)),
          el(
            'td',
            { className: 'num' },
            x.factors[n] === null ? t('abstained') : formatNumber(x.factors[n]),
          ),
          el('td', { className: 'num' }, formatNumber(x.weights[n])),
          el('td', { className: 'num' }, formatNumber(x.contributions[n] ?? 0)),
        ),
      ),
      el(
        'tr',
        {},
        el('th', {}, t('total')),
        el('td', {}, ''),
        el('td', {}, ''),
        el('th', { className: 'num' }, formatNumber(total)),
      ),
    ],
  );
  const hints = x.exclusions.map((r) => el('li', {}, `${ruleLabel(r.rule)}${colon()}${r.hint}`));
  const evidence = Object.entries(x.evidence ?? {}).flatMap(([name, lines]) =>
    lines.map((line) => el('li', {}, `${factorLabel(name)}${colon()}${line}`)),
  );
  const parts = [
    el(
      'p',
      { className: x.eligible ? 'pass' : 'fail', 'data-testid': 'verdict' },
      t('verdict')({
        eligible: x.eligible,
        score: formatNumber(x.score),
        failed: x.exclusions.length,
      }),
    ),
    el(
      'p',
      { className: 'note' },
      t('profileLine')({
        strategy: x.strategy,
        name: x.profile?.name ?? '',
        version: x.profile?.version ?? '',
        model: answer.modelVersion,
      }),
    ),
    hints.length > 0 ? el('h3', {}, t('hintsTitle')) : null,
    hints.length > 0 ? el('ul', { 'data-testid': 'hints' }, ...hints) : null,
    el('h3', {}, t('rulesTitle')),
    el('div', { className: 'table-wrap', 'data-testid': 'rules' }, rules),
    x.eligible ? el('h3', {}, t('factorsTitle')) : null,
    x.eligible ? el('div', { className: 'table-wrap', 'data-testid': 'factors' }, factors) : null,
    evidence.length > 0 ? el('h3', {}, t('evidenceTitle')) : null,
    evidence.length > 0 ? el('ul', {}, ...evidence) : null,
    el('h3', {}, t('summaryTitle')),
    el('ul', { 'data-testid': 'summary' }, ...x.summary.map((line) => el('li', {}, line))),
  ];
  $('explain-body').replaceChildren(...parts.filter((part) => part !== null));
}

// ------------------------------------------------------------------------------------------
// Locale

async function setLocale(locale) {
  state.locale = locale === 'en' ? 'en' : 'zh';
  sessionStorage.setItem(LOCALE_STORAGE, state.locale);
  applyStaticText();
  if (!state.key || $('login').hidden === false) return;
  // Everything the API words (labels, messages, hints, errors) is asked again in the new locale.
  await Promise.all([loadProfileLabels(), describeKey()]);
  fillReferenceSelects();
  if (state.prospect) await runProspect(state.prospect.request);
  if (state.ranking) await runRanking(state.ranking.enterpriseId);
  if (state.explaining && $('explain').open)
    await openExplanation(state.explaining.enterpriseId, state.explaining.productId);
}

// ------------------------------------------------------------------------------------------
// Wiring

function init() {
  state.locale = sessionStorage.getItem(LOCALE_STORAGE) === 'en' ? 'en' : 'zh';
  applyStaticText();

  $('locale').addEventListener('change', (event) => guarded(() => setLocale(event.target.value)));
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key').value.trim();
    guarded(async () => {
      if (!KEY_PATTERN.test(key)) throw new Error(t('errKeyFormat'));
      state.key = key;
      try {
        await start();
      } catch (error) {
        state.key = '';
        throw error;
      }
      sessionStorage.setItem(KEY_STORAGE, key);
      $('key').value = '';
    });
  });
  $('logout').addEventListener('click', signOut);
  for (const tab of $('tabs').querySelectorAll('button'))
    tab.addEventListener('click', () => showView(tab.dataset.view));

  $('prospect-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(() => runProspect(prospectRequest(0)));
  });
  $('prev').addEventListener('click', () =>
    guarded(() => {
      const { request } = state.prospect;
      return runProspect({ ...request, offset: Math.max(0, request.offset - request.k) });
    }),
  );
  $('next').addEventListener('click', () =>
    guarded(() => {
      const { request } = state.prospect;
      return runProspect({ ...request, offset: request.offset + request.k });
    }),
  );
  $('export').addEventListener('click', () => guarded(async () => exportCsv()));

  $('enterprise-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      const id = $('enterprise-id').value.trim();
      if (!id) throw new Error(t('errEmptyEnterprise'));
      await runRanking(id);
    });
  });
  $('explain-close').addEventListener('click', () => $('explain').close());

  const stored = sessionStorage.getItem(KEY_STORAGE);
  if (stored && KEY_PATTERN.test(stored)) {
    state.key = stored;
    guarded(async () => {
      try {
        await start();
      } catch (error) {
        signOut();
        throw error;
      }
    });
  } else $('login').hidden = false;
}

// The message table is exported for the tests (both locales have the same texts); the page
// starts only in a browser.
export { MESSAGES };
if (typeof document !== 'undefined') init();
