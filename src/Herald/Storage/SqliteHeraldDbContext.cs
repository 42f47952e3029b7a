using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

public sealed class SqliteHeraldDbContext(DbContextOptions<SqliteHeraldDbContext> options) : HeraldDbContext(options);
