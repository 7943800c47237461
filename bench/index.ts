// `npm run bench`: every benchmark, one after another. Add a line per benchmark module.
import { benchWorkspaceLint } from './workspaceLint.bench';

benchWorkspaceLint();
// runs on import (it reads its sizes from the command line)
import './scheduler.bench';
