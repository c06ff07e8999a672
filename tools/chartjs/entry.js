// Only what the dashboard's charts use (js/dashboard.js): bar charts on a category and a linear
// axis, with the legend and the hover tooltip the full build also gave. Exposed as window.Chart,
// as the full UMD build did, so dashboard.js is unchanged in how it calls it.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
window.Chart = Chart;
