import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

/**
 * One Chart.js chart on a canvas inside the shadow root. Chart.js draws on
 * a canvas it is handed and needs no global DOM, so it lives happily in a
 * web component; only the parts used are registered, to keep the bundle
 * small. Animations are off: figures for supervisors, not a show.
 */
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

export interface ChartSeries {
  label: string;
  data: number[];
  color: string;
  type?: 'bar' | 'line';
}

@customElement('stats-chart')
export class StatsChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      height: var(--stats-chart-height, 280px);
      background: var(--color-surface);
    }
  `;

  @property() type: 'bar' | 'line' = 'bar';
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) series: ChartSeries[] = [];
  @property() label = '';
  @query('canvas') private canvas!: HTMLCanvasElement;
  private chart: Chart | null = null;

  override render() {
    return html`<canvas role="img" aria-label=${this.label}></canvas>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('labels') && !changed.has('series') && !changed.has('type')) return;
    const config: ChartConfiguration = {
      type: this.type,
      data: {
        labels: this.labels,
        datasets: this.series.map((s) => ({
          type: s.type ?? this.type,
          label: s.label,
          data: s.data,
          backgroundColor: s.color,
          borderColor: s.color,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    if (this.chart) {
      this.chart.data = config.data;
      this.chart.update();
    } else {
      this.chart = new Chart(this.canvas, config);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back into the page after a move: draw again, the old chart was destroyed.
    if (this.hasUpdated) this.requestUpdate('series', []);
  }

  override disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = null;
    super.disconnectedCallback();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stats-chart': StatsChart;
  }
}
