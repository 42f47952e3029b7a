using System.Xml.Linq;
using Herald.Secrets;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Secrets;

/// <summary>What a database dump holds of the key ring: the rows of <c>data_protection_keys</c>, read with plain SQL.</summary>
internal static class KeyRingRows
{
    public static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase database) => await ReadAsync(database, "SELECT xml FROM data_protection_keys ORDER BY id");

    /// <summary>Every non-null value of every row <paramref name="sql"/> returns, as text.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(TestDatabase database, string sql)
    {
        await using var db = new HeraldDatabase(database.Target);
        await using var connection = await db.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!await reader.IsDBNullAsync(i))
                {
                    values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!);
                }
            }
        }

        return values;
    }

    /// <summary>Every value of every table, as one text: what a dump of the database would show.</summary>
    public static async Task<string> DumpAsync(TestDatabase database)
    {
        var tables = await ReadAsync(database, database.Target.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            dump.AppendJoin('\n', await ReadAsync(database, $"SELECT * FROM \"{table}\"")).Append('\n');
        }

        return dump.ToString();
    }

    /// <summary>The Data Protection master keys in the rows, decrypted with <paramref name="key"/>: the material a dump must not show.</summary>
    public static IReadOnlyList<string> MasterKeys(IEnumerable<string> rows, KeyEncryptionKey key) =>
        [.. rows.SelectMany(xml => XElement.Parse(xml).Descendants(KeyRingXmlEncryptor.ElementName))
            .Select(e => KeyRingXmlEncryptor.Decrypt(e, key).Descendants().Single(v => v.Name.LocalName == "value").Value)];

    /// <summary>The ids of the keys that encrypt the rows' entries.</summary>
    public static IReadOnlyList<string> EncryptingKeyIds(IEnumerable<string> rows) =>
        [.. rows.SelectMany(xml => XElement.Parse(xml).Descendants(KeyRingXmlEncryptor.ElementName))
            .Select(e => e.Attribute(KeyRingXmlEncryptor.KeyIdAttribute)!.Value).Distinct()];
}
