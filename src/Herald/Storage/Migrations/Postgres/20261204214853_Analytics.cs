using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_events",
                columns: table => new
                {
                    provider = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    enhanced_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    stored_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_events", x => new { x.provider, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "analytics_loops",
                columns: table => new
                {
                    account = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    loop = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    position = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_event_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    events_last_run = table.Column<long>(type: "bigint", nullable: false),
                    events_total = table.Column<long>(type: "bigint", nullable: false),
                    errors = table.Column<long>(type: "bigint", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    schedule_id = table.Column<Guid>(type: "uuid", nullable: true),
                    schedule_begin = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    schedule_end = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_loops", x => new { x.account, x.loop });
                });

            migrationBuilder.CreateTable(
                name: "notification_analytics",
                columns: table => new
                {
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    permanent_failure_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    failure_severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    failure_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    failure_enhanced_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    failure_message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    open_count = table.Column<int>(type: "integer", nullable: false),
                    first_opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    click_count = table.Column<int>(type: "integer", nullable: false),
                    first_clicked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_clicked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    complained_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    unsubscribed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_analytics", x => x.notification_id);
                });

            migrationBuilder.CreateTable(
                name: "suppressions",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suppressions", x => new { x.service_id, x.address });
                    table.ForeignKey(
                        name: "fk_suppressions_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_events_notification_id_occurred_at",
                table: "analytics_events",
                columns: new[] { "notification_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_analytics_failure_severity_failed_at",
                table: "notification_analytics",
                columns: new[] { "failure_severity", "failed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_analytics_service_id_template_id",
                table: "notification_analytics",
                columns: new[] { "service_id", "template_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_events");

            migrationBuilder.DropTable(
                name: "analytics_loops");

            migrationBuilder.DropTable(
                name: "notification_analytics");

            migrationBuilder.DropTable(
                name: "suppressions");
        }
    }
}
