namespace HwOpt.Cli;

/// <summary>Process exit codes of the hwopt CLI.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int InputErrors = 1;
    public const int Usage = 2;
    public const int Infeasible = 3;
    public const int ValidationFailed = 4;
}
