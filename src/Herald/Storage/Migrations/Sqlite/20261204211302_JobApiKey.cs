using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobApiKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "api_key_id",
                table: "jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "key_type",
                table: "jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: (short)0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "api_key_id",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "key_type",
                table: "jobs");
        }
    }
}
