// `npm run e2e:setup`: installs the real-editor test tools into the cache ahead of a test run (the tests do it too).
import { ensureE2eTools } from './harness/install';

ensureE2eTools().then(
  (tools) => console.log(JSON.stringify(tools, null, 2)),
  (e: Error) => {
    console.error(e.message);
    process.exit(1);
  },
);
