import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import * as echarts from 'echarts';

/**
 * Attention weights as a heatmap: one row per produced token, one column per source token. A
 * bright cell means the decoder looked at that source token when it wrote that output token.
 */
@customElement('seqplay-attention-map')
export class AttentionMap extends LitElement {
  static styles = css`
    :host { display: block; width: 100%; height: 360px; }
    #chart { width: 100%; height: 100%; }
  `;

  private chart?: echarts.ECharts;
  private source: string[] = [];
  private output: string[] = [];
  private weights: number[][] = [];

  render() {
    return html`<div id="chart"></div>`;
  }

  firstUpdated() {
    this.chart = echarts.init(this.renderRoot.querySelector('#chart') as HTMLDivElement);
    this.redraw();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.dispose();
    this.chart = undefined;
  }

  show(source: string[], output: string[], weights: number[][]) {
    this.source = source;
    this.output = output;
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
    this.chart.setOption({
      animation: false,
      tooltip: { formatter: (p: any) => `${this.output[p.value[1]]} ← ${this.source[p.value[0]]}: ${p.value[2].toFixed(3)}` },
      grid: { left: 60, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: this.source, name: 'source', nameLocation: 'middle', nameGap: 35 },
      yAxis: { type: 'category', data: this.output, name: 'output', inverse: true },
      visualMap: { min: 0, max: 1, show: false, inRange: { color: ['#f7fbff', '#08306b'] } },
      series: [{ type: 'heatmap', data: cells }],
    }, true);
  }
}
