using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProviderInstances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "provider_error_counts",
                columns: table => new
                {
                    provider_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bucket = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_error_counts", x => new { x.provider_id, x.bucket });
                });

            migrationBuilder.CreateTable(
                name: "provider_instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    resting_priority = table.Column<int>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    protected_settings = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    from_configuration = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "provider_instance_versions",
                columns: table => new
                {
                    provider_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    resting_priority = table.Column<int>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    settings_changed = table.Column<bool>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provider_instance_versions", x => new { x.provider_id, x.version });
                    table.ForeignKey(
                        name: "fk_provider_instance_versions_provider_instances_provider_id",
                        column: x => x.provider_id,
                        principalTable: "provider_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_provider_name_sent_at",
                table: "notifications",
                columns: new[] { "provider_name", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_provider_instances_name",
                table: "provider_instances",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provider_error_counts");

            migrationBuilder.DropTable(
                name: "provider_instance_versions");

            migrationBuilder.DropTable(
                name: "provider_instances");

            migrationBuilder.DropIndex(
                name: "ix_notifications_provider_name_sent_at",
                table: "notifications");
        }
    }
}
