/**
 * The inline SVG charts of the HTML report, drawn by hand so the report needs no external
 * asset: line charts (metric@k, tuning sweeps), scatter plots and horizontal bar charts.
 * Every text is escaped.
 *
 * @module
 */

/** Chart geometry, in SVG user units (CSS pixels at 100 % zoom). */
export const CHART_LAYOUT = Object.freeze({
  width: 640,
  height: 320,
  marginTop: 20,
  marginRight: 150,
  marginBottom: 44,
  marginLeft: 56,
  /** Height of one bar of a bar chart, and the gap below it. */
  barHeight: 22,
  barGap: 8,
  /** Room for the group labels left of the bars. */
  barLabelWidth: 180,
  /** Horizontal grid lines drawn. */
  gridLines: 5,
});

/**
 * Series colours: the Okabe–Ito palette, distinguishable with the common colour-vision
 * deficiencies. Series beyond eight reuse colours with a dashed line.
 */
export const SERIES_COLOURS: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
];

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Formats a number for display: 4 decimals, `–` for non-finite. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

/** A series of points drawn as one line or set of markers. */
export interface ChartSeries {
  name: string;
  points: readonly { x: number; y: number; label?: string }[];
}

/** Options of {@link renderLineChart}. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** `categorical`: x values evenly spaced in the order given (cut-offs k); `linear`: to scale. */
  xScale: 'categorical' | 'linear';
  /** Join points with lines (false draws a scatter plot). Default true. */
  lines?: boolean;
}

/** Renders a line chart or scatter plot as an `<svg>` element string. */
export function renderLineChart(options: LineChartOptions): string {
  const L = CHART_LAYOUT;
  const plotW = L.width - L.marginLeft - L.marginRight;
  const plotH = L.height - L.marginTop - L.marginBottom;
  const all = options.series
    .flatMap((s) => s.points)
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  const xMin = xs[0] ?? 0;
  const xMax = xs[xs.length - 1] ?? 1;
  const xOf = (x: number): number => {
    if (options.xScale === 'categorical') {
      const i = xs.indexOf(x);
      return L.marginLeft + (xs.length <= 1 ? plotW / 2 : (i / (xs.length - 1)) * plotW);
    }
    return L.marginLeft + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW);
  };
  const yValues = all.map((p) => p.y);
  const yMin = Math.min(0, ...yValues);
  const yMax = niceCeiling(Math.max(0, ...yValues));
  const yOf = (y: number): number =>
    L.marginTop + plotH - (yMax === yMin ? 0 : ((y - yMin) / (yMax - yMin)) * plotH);

  const parts: string[] = [];
  for (let g = 0; g <= L.gridLines; g++) {
    const value = yMin + ((yMax - yMin) * g) / L.gridLines;
    const y = yOf(value);
    parts.push(
      `<line class="grid" x1="${L.marginLeft}" x2="${L.marginLeft + plotW}" y1="${fx(y)}" y2="${fx(y)}"/>`,
    );
    parts.push(
      `<text class="tick" x="${L.marginLeft - 6}" y="${fx(y + 4)}" text-anchor="end">${escapeHtml(formatTick(value))}</text>`,
    );
  }
  const xTicks =
    options.xScale === 'categorical' || xs.length <= 8 ? xs : linearTicks(xMin, xMax, 6);
  for (const x of xTicks) {
    parts.push(
      `<text class="tick" x="${fx(xOf(x))}" y="${L.marginTop + plotH + 16}" text-anchor="middle">${escapeHtml(formatTick(x))}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${L.marginLeft}" x2="${L.marginLeft + plotW}" y1="${L.marginTop + plotH}" y2="${L.marginTop + plotH}"/>`,
  );
  parts.push(
    `<line class="axis" x1="${L.marginLeft}" x2="${L.marginLeft}" y1="${L.marginTop}" y2="${L.marginTop + plotH}"/>`,
  );
  parts.push(
    `<text class="label" x="${L.marginLeft + plotW / 2}" y="${L.height - 6}" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`,
  );
  parts.push(
    `<text class="label" transform="translate(14 ${L.marginTop + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(options.yLabel)}</text>`,
  );

  options.series.forEach((series, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    const dash = index >= SERIES_COLOURS.length ? ' stroke-dasharray="6 3"' : '';
    const points = series.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    const sorted =
      options.xScale === 'categorical' ? points : [...points].sort((a, b) => a.x - b.x);
    if ((options.lines ?? true) && sorted.length > 1) {
      const d = sorted.map((p) => `${fx(xOf(p.x))},${fx(yOf(p.y))}`).join(' ');
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${d}"/>`,
      );
    }
    for (const p of sorted) {
      const tip = `${series.name}${p.label ? ` · ${p.label}` : ''}: (${formatTick(p.x)}, ${formatNumber(p.y)})`;
      parts.push(
        `<circle cx="${fx(xOf(p.x))}" cy="${fx(yOf(p.y))}" r="3.5" fill="${colour}"><title>${escapeHtml(tip)}</title></circle>`,
      );
    }
    const ly = L.marginTop + 8 + index * 18;
    const lx = L.width - L.marginRight + 14;
    parts.push(
      `<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="3"${dash}/>`,
    );
    parts.push(
      `<text class="legend" x="${lx + 24}" y="${ly + 4}">${escapeHtml(truncateLabel(series.name))}</text>`,
    );
  });
  return svg(options.title, L.width, L.height, parts);
}

/** One bar of a bar chart. */
export interface Bar {
  label: string;
  value: number;
}

/** Renders a horizontal bar chart (bars in the order given) as an `<svg>` element string. */
export function renderBarChart(options: {
  title: string;
  bars: readonly Bar[];
  valueLabel: string;
}): string {
  const L = CHART_LAYOUT;
  const height = L.marginTop + options.bars.length * (L.barHeight + L.barGap) + L.marginBottom;
  const plotW = L.width - L.barLabelWidth - 80;
  const max = Math.max(0, ...options.bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const parts: string[] = [];
  options.bars.forEach((bar, i) => {
    const y = L.marginTop + i * (L.barHeight + L.barGap);
    const value = Number.isFinite(bar.value) ? Math.max(0, bar.value) : 0;
    const w = max === 0 ? 0 : (value / max) * plotW;
    parts.push(
      `<text class="tick" x="${L.barLabelWidth - 8}" y="${fx(y + L.barHeight / 2 + 4)}" text-anchor="end">${escapeHtml(truncateLabel(bar.label))}</text>`,
    );
    parts.push(
      `<rect x="${L.barLabelWidth}" y="${y}" width="${fx(w)}" height="${L.barHeight}" fill="${SERIES_COLOURS[0]}"><title>${escapeHtml(`${bar.label}: ${formatNumber(bar.value)}`)}</title></rect>`,
    );
    parts.push(
      `<text class="tick" x="${fx(L.barLabelWidth + w + 6)}" y="${fx(y + L.barHeight / 2 + 4)}">${escapeHtml(formatNumber(bar.value))}</text>`,
    );
  });
  parts.push(
    `<line class="axis" x1="${L.barLabelWidth}" x2="${L.barLabelWidth}" y1="${L.marginTop - 4}" y2="${height - L.marginBottom + 4}"/>`,
  );
  parts.push(
    `<text class="label" x="${L.barLabelWidth + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeHtml(options.valueLabel)}</text>`,
  );
  return svg(options.title, L.width, height, parts);
}

function svg(title: string, width: number, height: number, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`;
}

/** Longest legend or bar label drawn before it is cut with an ellipsis. */
const MAX_LABEL_LENGTH = 22;

function truncateLabel(label: string): string {
  const chars = [...label];
  return chars.length > MAX_LABEL_LENGTH
    ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join('')}…`
    : label;
}

function fx(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

function formatTick(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (1 for values in (0.5, 1]). */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value - 1e-12) return step * power;
  return 10 * power;
}

function linearTicks(min: number, max: number, count: number): number[] {
  if (max === min) return [min];
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
}
