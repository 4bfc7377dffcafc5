// test/e2e/activation/index.js: the activation suite's entry (`extensionTestsPath`): runs the `*.test.js`
// beside it with the same runner as test/e2e/suite (mocha + the $E2E_RESULTS report). This suite gets its
// own window on a workspace without Junos files (made by test/e2e/run-extension-tests.js), so that what
// activates the extension can be observed: test/e2e/suite's workspace (examples/) activates it at once.
'use strict';
const { runDir } = require('../suite/index.js');

exports.run = () => runDir(__dirname);
