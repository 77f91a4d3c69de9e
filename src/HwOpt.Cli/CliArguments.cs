using System.CommandLine;

namespace HwOpt.Cli;

/// <summary>Checks shared by the commands' arguments.</summary>
internal static class CliArguments
{
    /// <summary>
    /// Makes a file or name argument reject a value that looks like an option (<c>--bogus</c>, <c>-x</c>; <c>-</c>, stdin,
    /// is a value): System.CommandLine binds an unknown option to a free argument slot, which would then be read as a
    /// file name and reported as a missing file (exit 1) instead of a usage error (HW4006, exit 2), as mlir-opt reports it.
    /// A file whose name starts with '-' is still reachable as <c>./-name</c>.
    /// </summary>
    /// <returns>The argument, for chaining.</returns>
    public static T RejectingOptions<T>(this T argument) where T : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-') result.AddError($"Unrecognized command or argument '{token.Value}'.");
            }
        });
        return argument;
    }
}
