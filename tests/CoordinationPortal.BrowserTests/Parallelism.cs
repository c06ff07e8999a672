// One browser test class at a time: each starts its own portal and Chromium, and on a 2-core CI
// machine that also runs the HTTP suite, two at once starved a page load past Playwright's 30 s.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
