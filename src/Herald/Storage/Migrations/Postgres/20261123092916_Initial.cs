using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "periodic_schedules",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_slot = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_periodic_schedules", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "queue_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    run_at = table.Column<long>(type: "bigint", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    dedup_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queue_items", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_claim",
                table: "queue_items",
                columns: new[] { "priority", "run_at", "id" },
                descending: new[] { true, false, false },
                filter: "state = 0");

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_dead",
                table: "queue_items",
                column: "state",
                filter: "state = 1");

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_reference",
                table: "queue_items",
                column: "reference",
                filter: "reference IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_queue_items_dedup_key",
                table: "queue_items",
                column: "dedup_key",
                unique: true,
                filter: "state = 0 AND dedup_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "periodic_schedules");

            migrationBuilder.DropTable(
                name: "queue_items");
        }
    }
}
