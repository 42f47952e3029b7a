using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionAndFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ft_notification_status",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    template_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    key_type = table.Column<short>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ft_notification_status", x => new { x.day, x.service_id, x.template_id, x.type, x.key_type, x.status });
                });

            migrationBuilder.CreateTable(
                name: "notification_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    template_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    template_version = table.Column<int>(type: "INTEGER", nullable: false),
                    api_key_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key_type = table.Column<short>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    international = table.Column<bool>(type: "INTEGER", nullable: false),
                    billable_units = table.Column<int>(type: "INTEGER", nullable: false),
                    provider_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    provider_reference = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_data_retention",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    days = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_data_retention", x => new { x.service_id, x.type });
                    table.ForeignKey(
                        name: "fk_service_data_retention_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ft_notification_status_service_id_day",
                table: "ft_notification_status",
                columns: new[] { "service_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_ft_notification_status_template_id_day",
                table: "ft_notification_status",
                columns: new[] { "template_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_history_created_at_id",
                table: "notification_history",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_history_service_id_created_at",
                table: "notification_history",
                columns: new[] { "service_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_history_template_id_created_at",
                table: "notification_history",
                columns: new[] { "template_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ft_notification_status");

            migrationBuilder.DropTable(
                name: "notification_history");

            migrationBuilder.DropTable(
                name: "service_data_retention");
        }
    }
}
