/**
 * Stop words removed by the tokenizer, Chinese and English in one list.
 *
 * Chinese: function words (particles, conjunctions, prepositions, pronouns, copulas) that the
 * ICU word segmenter emits as words of their own or as single characters. English: the usual
 * articles, prepositions and auxiliaries, written lower-case and *unstemmed* (they are removed
 * before stemming).
 *
 * Domain filler (企业, 公司, 有限…) is **not** in the default list: BM25 and TF–IDF already give
 * words found in most documents an inverse document frequency near zero, and removing them by
 * hand was not measured to help. {@link DOMAIN_FILLER_WORDS} is exported for callers who want
 * to add it (`stopWords: new Set([...STOP_WORDS, ...DOMAIN_FILLER_WORDS])`).
 *
 * @module
 */

/** Chinese function words (的/了/和/与/及/等/为/在/是/对…). */
// prettier-ignore
export const CHINESE_STOP_WORDS: readonly string[] = [
  '的', '地', '得', '了', '着', '过', '和', '与', '及', '以及', '或', '或者', '并', '并且', '而',
  '而且', '等', '等等', '为', '在', '是', '对', '于', '将', '把', '被', '从', '向', '以', '其',
  '之', '也', '又', '都', '还', '就', '即', '则', '但', '但是', '且', '之一', '这', '那', '这些',
  '那些', '这个', '该', '此', '各', '每', '我', '我们', '你', '您', '他', '她', '它', '他们',
  '有', '有的', '没有', '个', '一', '一个', '一些', '所', '所有', '如', '如果', '因', '因为',
  '所以', '由', '由于', '通过', '进行', '可', '可以', '能', '能够', '已', '已经', '要', '需', '需要',
  '拟', '用于', '对于', '关于', '以上', '以下', '之间', '其中', '具有', '相关', '主要', '以来',
] as const;

/** English stop words, lower-case, before stemming. */
// prettier-ignore
export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by',
  'with', 'without', 'into', 'onto', 'over', 'under', 'as', 'is', 'are', 'was', 'were', 'be',
  'been', 'being', 'am', 'do', 'does', 'did', 'has', 'have', 'had', 'having', 'it', 'its', 'this',
  'that', 'these', 'those', 'we', 'our', 'us', 'you', 'your', 'they', 'their', 'them', 'he',
  'she', 'his', 'her', 'i', 'me', 'my', 'which', 'who', 'whom', 'whose', 'what', 'when', 'where',
  'while', 'than', 'then', 'so', 'such', 'can', 'could', 'will', 'would', 'shall', 'should',
  'may', 'might', 'must', 'not', 'no', 'any', 'all', 'each', 'both', 'some', 'other', 'also',
  'about', 'via', 'per', 'etc', 'if', 'there', 'here', 'up', 'out',
] as const;

/**
 * Words that describe nearly every record of the platform (enterprise, company, limited…).
 * Not removed by default; see the module comment.
 */
// prettier-ignore
export const DOMAIN_FILLER_WORDS: readonly string[] = [
  '企业', '公司', '有限', '有限公司', '股份', '集团', '产品', '业务', '服务', 'company', 'enterprise',
  'ltd', 'limited', 'co',
] as const;

/** The default stop-word set: {@link CHINESE_STOP_WORDS} ∪ {@link ENGLISH_STOP_WORDS}. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...CHINESE_STOP_WORDS,
  ...ENGLISH_STOP_WORDS,
]);
