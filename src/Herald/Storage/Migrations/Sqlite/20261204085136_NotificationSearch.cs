using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotificationSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search by part of a recipient or reference (Search/NotificationSearch.cs): an FTS5 index
            // with the trigram tokenizer over notifications' own rows (external content, by rowid), kept
            // in step by triggers. A migration that rebuilds the notifications table drops the triggers
            // and renumbers rowids: it must create them again and rebuild this index.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE notification_search USING fts5(
                    normalised_to, reference, content='notifications', content_rowid='rowid', tokenize='trigram');
                """);
            migrationBuilder.Sql("INSERT INTO notification_search(notification_search) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER notification_search_insert AFTER INSERT ON notifications BEGIN
                    INSERT INTO notification_search(rowid, normalised_to, reference) VALUES (new.rowid, new.normalised_to, new.reference);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER notification_search_delete AFTER DELETE ON notifications BEGIN
                    INSERT INTO notification_search(notification_search, rowid, normalised_to, reference) VALUES ('delete', old.rowid, old.normalised_to, old.reference);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER notification_search_update AFTER UPDATE OF normalised_to, reference ON notifications BEGIN
                    INSERT INTO notification_search(notification_search, rowid, normalised_to, reference) VALUES ('delete', old.rowid, old.normalised_to, old.reference);
                    INSERT INTO notification_search(rowid, normalised_to, reference) VALUES (new.rowid, new.normalised_to, new.reference);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER notification_search_update;");
            migrationBuilder.Sql("DROP TRIGGER notification_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER notification_search_insert;");
            migrationBuilder.Sql("DROP TABLE notification_search;");
        }
    }
}
