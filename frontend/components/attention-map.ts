import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import * as echarts from 'echarts';

/** Rough width of one label character at the axis font size, to leave room for the longest token. */
const CHAR_WIDTH = 7.5;
/** The colour scale legend on the right: its bar and its labels. */
const LEGEND_WIDTH = 90;

/**
 * Attention weights as a heatmap: one row per produced token, one column per source token. A
 * dark cell means the decoder looked at that source token when it wrote that output token. The
 * chart follows the size of its box, which is often hidden (width 0) when the element starts.
 */
@customElement('seqplay-attention-map')
export class AttentionMap extends LitElement {
  static styles = css`
    :host { display: block; width: 100%; height: 360px; }
    :host([hidden]) { display: none !important; }
    #chart { width: 100%; height: 100%; }
  `;

  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;
  private source: string[] = [];
  private output: string[] = [];
  private weights: number[][] = [];

  render() {
    return html`<div id="chart"></div>`;
  }

  firstUpdated() {
    const el = this.renderRoot.querySelector('#chart') as HTMLDivElement;
    this.chart = echarts.init(el);
    // Resizing also redraws: whether long source tokens must be turned depends on the width.
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

  show(source: string[], output: string[], weights: number[][]) {
    this.source = source.map(visible);
    this.output = output.map(visible);
    this.weights = weights;
    this.setAttribute('data-rows', String(weights.length));
    this.redraw();
  }

  private redraw() {
    if (!this.chart) {
      return;
    }
    const cells: number[][] = [];
    this.weights.forEach((row, r) => row.forEach((w, c) => cells.push([c, r, w])));
    const longestOutput = Math.max(1, ...this.output.map((t) => t.length));
    const longestSource = Math.max(1, ...this.source.map((t) => t.length));
    // Long word tokens side by side would overlap: turn them when there are many.
    const rotate = longestSource * this.source.length * CHAR_WIDTH > (this.chart.getWidth() - 200) ? 60 : 0;
    const yNameGap = 14 + longestOutput * CHAR_WIDTH;
    const xLabelHeight = rotate ? 10 + Math.min(longestSource, 16) * CHAR_WIDTH * 0.87 : 18;
    this.chart.setOption({
      animation: false,
      tooltip: {
        formatter: (p: any) => `output “${this.output[p.value[1]]}” ← source “${this.source[p.value[0]]}”: `
          + `${p.value[2].toFixed(3)}`,
      },
      grid: { left: yNameGap + 30, right: LEGEND_WIDTH, top: 16, bottom: xLabelHeight + 40 },
      xAxis: {
        type: 'category',
        data: this.source,
        name: 'source tokens (what the encoder read)',
        nameLocation: 'middle',
        nameGap: xLabelHeight + 14,
        nameTextStyle: { fontWeight: 'bold' },
        axisLabel: { interval: 0, rotate, fontSize: 12 },
        splitArea: { show: false },
      },
      yAxis: {
        type: 'category',
        data: this.output,
        inverse: true,
        name: 'output tokens (what the decoder wrote)',
        nameLocation: 'middle',
        nameGap: yNameGap,
        nameTextStyle: { fontWeight: 'bold' },
        axisLabel: { interval: 0, fontSize: 12 },
      },
      visualMap: {
        // Each row sums to 1: a fixed 0-1 scale shows a diffuse row as pale, which it is.
        min: 0,
        max: 1,
        calculable: false,
        orient: 'vertical',
        right: 8,
        top: 'middle',
        itemHeight: 160,
        text: ['weight 1', '0'],
        textGap: 6,
        precision: 2,
        inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      },
      series: [{ type: 'heatmap', data: cells, itemStyle: { borderColor: '#fff', borderWidth: 0.5 } }],
    }, true);
  }
}

/** A space or an empty token would be an invisible label (a middle dot is in every font, unlike ␣). */
function visible(token: string): string {
  if (token === ' ') {
    return '·';
  }
  return token.length === 0 ? '∅' : token;
}
