// `npm run bench`: every benchmark, one after another. Add a line per benchmark module.
import { benchWorkspaceLint } from './workspaceLint.bench';

benchWorkspaceLint();
