// dlkit's theme: VitePress's default theme plus the components the pages use.
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import Demo from './Demo.vue';
import WeekDemos from './WeekDemos.vue';
import AllDemos from './AllDemos.vue';
import LabResults from './LabResults.vue';
import VegaPlot from './VegaPlot.vue';
import './style.css';

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Demo', Demo);
    app.component('WeekDemos', WeekDemos);
    app.component('AllDemos', AllDemos);
    app.component('LabResults', LabResults);
    app.component('VegaPlot', VegaPlot);
  },
};

export default theme;
