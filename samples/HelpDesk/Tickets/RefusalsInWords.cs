namespace HelpDesk.Tickets;

/// <summary>
/// What the framework refuses by itself is answered like every other refusal: its status with a sentence in <c>error</c>,
/// in every environment. That covers a body it cannot bind (not JSON, the wrong type of content, too large), whose
/// message from the framework names the endpoint's parameters, which mean nothing to a client, and an address or method
/// the API does not have, which the framework answers with an empty body. It relies on
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c>.
/// </summary>
public static class RefusalsInWords
{
    /// <summary>The sentence for a body not sent as JSON.</summary>
    internal const string NotJson = "send the body as JSON (Content-Type: application/json).";

    /// <summary>Answers the framework's own refusals with a sentence; add it before the endpoints.</summary>
    public static void AnswerRefusalsInWords(this WebApplication app) => app.Use(async (context, next) =>
    {
        string? error;
        try
        {
            await next(context);
            var (method, path) = (context.Request.Method, context.Request.Path);
            error = context.Response.HasStarted ? null : context.Response.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => NotJson,
                StatusCodes.Status404NotFound => $"there is nothing at {path}: the README lists this desk's addresses.",
                StatusCodes.Status405MethodNotAllowed => $"{path} does not take {method}; it takes {context.Response.Headers.Allow}.",
                _ => null,
            };
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = e.StatusCode;
            error = e is { InnerException: System.Text.Json.JsonException json }
                ? $"the body is not the JSON this request takes{(json.BytePositionInLine is { } at ? $" (at position {at + 1})" : "")}."
                : e.StatusCode switch
                {
                    StatusCodes.Status415UnsupportedMediaType => NotJson,
                    StatusCodes.Status413PayloadTooLarge => "the body is larger than this desk accepts in one request.",
                    _ => "the body is missing or cannot be read as JSON.",
                };
        }
        if (error is not null && !context.Response.HasStarted)
        {
            await context.Response.WriteAsJsonAsync(new { error });
        }
    });
}
