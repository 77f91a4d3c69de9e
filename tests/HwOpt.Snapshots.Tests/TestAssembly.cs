// The plan tests share one loaded learned cost model; running the tests one at a time avoids concurrent use of it
// and leaves both cores of a small CI machine to the solver and XGBoost.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
