namespace Yiyang.Platform.Errors;

/// <summary>Base of the exceptions that carry a Chinese, user-facing message and a stable code.</summary>
public abstract class AppException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
    public abstract int Status { get; }
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>Input that fails validation: one or more messages per field (field names as in the API, camelCase).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors, string message = "提交的信息有误，请按提示修改。")
    : AppException("validation", message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
    public override int Status => StatusCodes.Status400BadRequest;

    /// <summary>One message on one field (the field name as in the API, camelCase).</summary>
    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A business rule refused the request.</summary>
public sealed class BusinessRuleException(string code, string message, int status = StatusCodes.Status422UnprocessableEntity)
    : AppException(code, message)
{
    public override int Status => status;
}

public sealed class NotFoundException(string message = "未找到该记录，或您无权查看。") : AppException("not-found", message)
{
    public override int Status => StatusCodes.Status404NotFound;
}

public sealed class ConflictException(string code, string message) : AppException(code, message)
{
    public override int Status => StatusCodes.Status409Conflict;
}

public sealed class PreconditionFailedException(string message = "记录已被他人修改，请刷新后再试。")
    : AppException("precondition-failed", message)
{
    public override int Status => StatusCodes.Status412PreconditionFailed;
}

public sealed class ForbiddenException(string message = "您的角色无权执行此操作。") : AppException("forbidden", message)
{
    public override int Status => StatusCodes.Status403Forbidden;
}

/// <summary>Too many attempts of a throttled kind: 429 with <c>Retry-After</c> (seconds).</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : AppException("too-many-requests", message)
{
    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
    public override int Status => StatusCodes.Status429TooManyRequests;

    /// <summary>A wait as users read it: "40 秒", "3 分钟" (rounded up).</summary>
    public static string WaitText(TimeSpan t) =>
        t.TotalSeconds < 60 ? $"{Math.Max(1, (int)Math.Ceiling(t.TotalSeconds))} 秒" : $"{(int)Math.Ceiling(t.TotalMinutes)} 分钟";
}

/// <summary>Collects field errors and throws one <see cref="ValidationFailedException"/>.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(k => k.Key, v => v.Value.ToArray());

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(ToDictionary());
    }
}
