using System.Text;

namespace JobQueue.Http;

/// <summary>
/// Go's <c>r.Form</c>: every value of every field in the order Go collects them; <see cref="First"/>
/// is <c>r.FormValue</c>. Values are the raw bytes the client sent, decoded as Go would keep them.
/// </summary>
internal sealed class FormValues
{
    private readonly List<KeyValuePair<string, byte[]>> _values = [];

    public void Add(string key, byte[] value) => _values.Add(new(key, value));

    /// <summary>The first value of the field, or empty when it is absent: <c>r.FormValue(key)</c>.</summary>
    public byte[] First(string key)
    {
        foreach (var (k, v) in _values)
        {
            if (k == key)
            {
                return v;
            }
        }

        return [];
    }

    public string FirstText(string key) => Encoding.UTF8.GetString(First(key));
}
