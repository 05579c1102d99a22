export { launchChromium } from '../browser/launch-chromium';
