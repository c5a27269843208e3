using BenchmarkDotNet.Running;

namespace MvmCi.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/MvmCi.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
