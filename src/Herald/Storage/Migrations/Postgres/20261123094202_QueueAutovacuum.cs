using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueAutovacuum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every queue row is short-lived: vacuum and analyze after a small share of the table
            // changes instead of PostgreSQL's default 20%/10%, so dead rows and stale
            // statistics do not pile up under a steady flow.
            migrationBuilder.Sql(
                "ALTER TABLE queue_items SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, " +
                "autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000, autovacuum_vacuum_cost_delay = 0)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "ALTER TABLE queue_items RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, " +
                "autovacuum_analyze_scale_factor, autovacuum_analyze_threshold, autovacuum_vacuum_cost_delay)");
        }
    }
}
