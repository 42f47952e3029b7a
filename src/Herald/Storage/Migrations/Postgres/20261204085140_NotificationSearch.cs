using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NotificationSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search by part of a recipient or reference (Search/NotificationSearch.cs): trigram GIN
            // indexes serve LIKE on normalised_to and ILIKE on reference. pg_trgm is a trusted
            // extension: a database owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_notifications_normalised_to_trgm ON notifications USING gin (normalised_to gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_notifications_reference_trgm ON notifications USING gin (reference gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_notifications_reference_trgm;");
            migrationBuilder.Sql("DROP INDEX ix_notifications_normalised_to_trgm;");
        }
    }
}
