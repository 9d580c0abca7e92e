// The dashboards' own ECharts build: only the charts and components static/dashboards/dashboards.js
// uses, from ECharts' echarts/core modules, bundled by esbuild into static/vendor/echarts/echarts.min.js
// (`make vendor`). It exposes the same global `echarts` (init, registerMap, getMap, format, ...).
// Titles and tooltips are the page's own HTML (dashboards.js), so their components are left out.
import * as echarts from "echarts/core";
import { BarChart, BoxplotChart, MapChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendPlainComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, BoxplotChart, MapChart, ScatterChart, GridComponent, LegendPlainComponent, CanvasRenderer]);

globalThis.echarts = echarts;
