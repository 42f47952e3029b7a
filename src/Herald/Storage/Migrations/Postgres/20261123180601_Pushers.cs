using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Pushers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "push_events",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stream_ordering = table.Column<long>(type: "bigint", nullable: false),
                    event_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    room_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    sender = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    sender_display_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    room_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    content = table.Column<string>(type: "text", nullable: false),
                    received_ts = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_push_events", x => new { x.service_id, x.stream_ordering });
                    table.ForeignKey(
                        name: "fk_push_events_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "push_receipts",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    room_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    stream_ordering = table.Column<long>(type: "bigint", nullable: false),
                    updated_ts = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_push_receipts", x => new { x.service_id, x.user_id, x.room_id });
                    table.ForeignKey(
                        name: "fk_push_receipts_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "push_streams",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_stream_ordering = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_push_streams", x => x.service_id);
                    table.ForeignKey(
                        name: "fk_push_streams_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pushers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    app_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    pushkey = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    pushkey_ts = table.Column<long>(type: "bigint", nullable: false),
                    app_display_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    device_display_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    lang = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    data = table.Column<string>(type: "text", nullable: false),
                    last_stream_ordering = table.Column<long>(type: "bigint", nullable: false),
                    last_success = table.Column<long>(type: "bigint", nullable: true),
                    failing_since = table.Column<long>(type: "bigint", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_ts = table.Column<long>(type: "bigint", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pushers", x => x.id);
                    table.ForeignKey(
                        name: "fk_pushers_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "push_actions",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    stream_ordering = table.Column<long>(type: "bigint", nullable: false),
                    room_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    notify = table.Column<bool>(type: "boolean", nullable: false),
                    highlight = table.Column<bool>(type: "boolean", nullable: false),
                    tweaks = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_push_actions", x => new { x.service_id, x.user_id, x.stream_ordering });
                    table.ForeignKey(
                        name: "fk_push_actions_push_events_service_id_stream_ordering",
                        columns: x => new { x.service_id, x.stream_ordering },
                        principalTable: "push_events",
                        principalColumns: new[] { "service_id", "stream_ordering" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pusher_throttle",
                columns: table => new
                {
                    pusher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    room_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    last_sent_ts = table.Column<long>(type: "bigint", nullable: false),
                    throttle_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pusher_throttle", x => new { x.pusher_id, x.room_id });
                    table.ForeignKey(
                        name: "fk_pusher_throttle_pushers_pusher_id",
                        column: x => x.pusher_id,
                        principalTable: "pushers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_push_actions_highlight",
                table: "push_actions",
                columns: new[] { "service_id", "user_id", "stream_ordering" },
                filter: "highlight");

            migrationBuilder.CreateIndex(
                name: "ix_push_actions_service_id_stream_ordering",
                table: "push_actions",
                columns: new[] { "service_id", "stream_ordering" });

            migrationBuilder.CreateIndex(
                name: "ix_push_events_service_id_event_id",
                table: "push_events",
                columns: new[] { "service_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pushers_lease_until",
                table: "pushers",
                column: "lease_until",
                filter: "lease_until IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_pushers_service_id_user_id_app_id_pushkey",
                table: "pushers",
                columns: new[] { "service_id", "user_id", "app_id", "pushkey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "push_actions");

            migrationBuilder.DropTable(
                name: "push_receipts");

            migrationBuilder.DropTable(
                name: "push_streams");

            migrationBuilder.DropTable(
                name: "pusher_throttle");

            migrationBuilder.DropTable(
                name: "push_events");

            migrationBuilder.DropTable(
                name: "pushers");
        }
    }
}
