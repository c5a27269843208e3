// The applications under test share two cores: run one test collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
