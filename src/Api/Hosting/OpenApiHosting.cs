using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Synap.Grains.Interfaces.Commands;

namespace Synap.Api.Hosting;

public static class OpenApiHosting
{
    /// <summary>The OpenAPI document (API.md §12), with a client's free-form <c>context</c> shown as the JSON object it is.</summary>
    public static IServiceCollection AddSynapOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(JsonText))
            {
                schema.Type = JsonSchemaType.Object;
                schema.Properties?.Clear();
                schema.Required?.Clear();
                schema.AdditionalPropertiesAllowed = true;
            }
            return Task.CompletedTask;
        }));
}
