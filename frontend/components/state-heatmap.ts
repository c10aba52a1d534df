import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import * as echarts from 'echarts';
import { shortNumber } from './chart-format';

/** What one heatmap shows; the server sends it whole. */
export interface HeatmapData {
  /** Column labels: the token read at each step (or the source tokens of an attention map). */
  columns: string[];
  /** Row labels, top to bottom: "unit 17", or the output tokens of an attention map. */
  rows: string[];
  /** values[row][column]. */
  values: number[][];
  /** Colour scale: 'gate' and 'weight' run from 0 to 1, 'signed' is centred on 0. */
  scale: 'gate' | 'signed' | 'weight';
  /** Axis and value names for the axes and the hover text, e.g. "input step", "unit", "forget gate". */
  columnName: string;
  rowName: string;
  valueName: string;
}

/** Rough width of one label character at the axis font size. */
const CHAR_WIDTH = 7;
/** Room on the right for the colour legend. */
const LEGEND_WIDTH = 86;

/**
 * A heatmap over time of one signal of a recurrent layer (a gate, the cell state or the hidden
 * state): one column per input step, labelled with the token read there, one row per unit. Also
 * draws the attention weights of a translation (rows: output tokens, columns: source tokens).
 * Hovering a cell names the step, its token, the unit and the value. The chart follows the size
 * of its box, which may be hidden (width 0) when the element starts.
 */
@customElement('seqplay-state-heatmap')
export class StateHeatmap extends LitElement {
  static styles = css`
    :host { display: block; width: 100%; height: 260px; }
    :host([hidden]) { display: none !important; }
    #chart { width: 100%; height: 100%; }
  `;

  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;
  private data?: HeatmapData;

  render() {
    return html`<div id="chart"></div>`;
  }

  firstUpdated() {
    const el = this.renderRoot.querySelector('#chart') as HTMLDivElement;
    this.chart = echarts.init(el);
    this.resizeObserver = new ResizeObserver(() => {
      this.chart?.resize();
      this.redraw();
    });
    this.resizeObserver.observe(el);
    this.redraw();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  show(data: HeatmapData) {
    this.data = data;
    // What a test (or a curious reader) can check without decoding the canvas.
    this.setAttribute('data-columns', String(data.columns.length));
    this.setAttribute('data-rows', String(data.rows.length));
    this.setAttribute('data-first-row', data.rows[0] ?? '');
    this.redraw();
  }

  /** The values drawn, as the chart holds them: [column, row, value] triples. */
  cells(): number[][] {
    const option = this.chart?.getOption() as any;
    return option?.series?.[0]?.data ?? [];
  }

  private redraw() {
    if (!this.chart || !this.data) {
      return;
    }
    const d = this.data;
    const columns = d.columns.map(visible);
    const cells: number[][] = [];
    let largest = 0;
    d.values.forEach((row, r) => row.forEach((v, c) => {
      cells.push([c, r, v]);
      largest = Math.max(largest, Math.abs(v));
    }));
    const signed = d.scale === 'signed';
    // A symmetric scale, so that white is always 0 and the two colours compare.
    const bound = signed ? Math.max(largest, 1e-6) : 1;
    const longestRow = Math.max(1, ...d.rows.map((t) => t.length));
    const width = this.chart.getWidth() - LEGEND_WIDTH - longestRow * CHAR_WIDTH - 40;
    // One label per column while they fit; beyond that echarts skips some, and hover still names each.
    const labelEvery = Math.max(1, Math.ceil((columns.length * 12) / Math.max(width, 1)));
    const rowLabelEvery = Math.max(1, Math.ceil((d.rows.length * 12) / Math.max(this.chart.getHeight() - 60, 1)));
    this.chart.setOption({
      animation: false,
      tooltip: {
        formatter: (p: any) => {
          const [c, r, v] = p.value as number[];
          return `${d.columnName} ${c + 1} “${columns[c]}” · ${d.rows[r]}<br>${d.valueName}: <b>${v.toFixed(3)}</b>`;
        },
      },
      grid: { left: longestRow * CHAR_WIDTH + 34, right: LEGEND_WIDTH, top: 8, bottom: 46 },
      xAxis: {
        type: 'category',
        data: columns,
        name: d.columnName,
        nameLocation: 'middle',
        nameGap: 28,
        nameTextStyle: { fontWeight: 'bold' },
        axisLabel: { interval: labelEvery - 1, fontSize: 12, fontFamily: 'monospace' },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'category',
        data: d.rows,
        inverse: true,
        name: d.rowName,
        nameLocation: 'middle',
        nameGap: longestRow * CHAR_WIDTH + 18,
        nameTextStyle: { fontWeight: 'bold' },
        axisLabel: { interval: rowLabelEvery - 1, fontSize: 11 },
        axisTick: { show: false },
      },
      visualMap: {
        min: signed ? -bound : 0,
        max: bound,
        calculable: false,
        orient: 'vertical',
        right: 6,
        top: 'middle',
        itemHeight: Math.max(60, Math.min(160, this.chart.getHeight() - 80)),
        text: [shortNumber(bound), shortNumber(signed ? -bound : 0)],
        textGap: 6,
        inRange: {
          color: signed ? ['#2166ac', '#f7f7f7', '#b2182b']
            : d.scale === 'gate' ? ['#fff7ec', '#fc8d59', '#7f0000'] : ['#f7fbff', '#6baed6', '#08306b'],
        },
      },
      series: [{ type: 'heatmap', data: cells, progressive: 0 }],
    }, true);
  }
}

/** Spaces, line breaks and tabs would be invisible labels. */
function visible(token: string): string {
  switch (token) {
    case ' ': return '·';
    case '\n': return '↵';
    case '\t': return '⇥';
    case '': return '∅';
    default: return token;
  }
}
