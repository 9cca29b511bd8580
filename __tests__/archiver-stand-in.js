/**
 * cdktf requires `archiver` (a zip library) when it loads, for archive assets, which no test makes;
 * jest.config.js maps that require here so that no test file pays for loading it (about 0.1 s
 * each). cdktf zips an archive asset in a child process of its own, which loads the real one.
 */
module.exports = function archiver() {
  throw new Error('archiver is not loaded in the test process (moduleNameMapper in jest.config.js)');
};
