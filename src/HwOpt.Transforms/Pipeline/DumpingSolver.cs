using HwOpt.Planning.Milp;

namespace HwOpt.Transforms.Pipeline;

/// <summary>An <see cref="IMilpSolver"/> decorator that writes every model (LP format, see <see cref="PassContext.Dumping"/>) before solving it: <c>--dump-milp DIR</c>.</summary>
internal sealed class DumpingSolver(IMilpSolver inner, Action<MilpModel> dump) : IMilpSolver
{
    public string Name => inner.Name;

    public MilpSolution Solve(MilpModel model, SolverOptions options)
    {
        dump(model);
        return inner.Solve(model, options);
    }
}
