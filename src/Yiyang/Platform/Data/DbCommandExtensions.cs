using System.Data.Common;

namespace Yiyang.Platform.Data;

/// <summary>Raw commands on EF's connection (both providers): the few statements EF cannot express.</summary>
public static class DbCommandExtensions
{
    /// <summary>Adds a named parameter (<c>@name</c> in the SQL) with a provider value.</summary>
    public static void AddParameter(this DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
