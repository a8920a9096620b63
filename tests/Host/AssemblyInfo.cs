// Kernel tests share the kernel: one nettrace at a time keeps each test's output its own.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
