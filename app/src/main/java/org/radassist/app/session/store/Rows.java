package org.radassist.app.session.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.radassist.app.session.Region;

/** Column conversions the record's tables share: times, regions, nullable ids, returned keys. */
final class Rows {
  private Rows() {}

  static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  static long returnedId(PreparedStatement ps) throws SQLException {
    try (var rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("insert returned no id");
      }
      return rs.getLong(1);
    }
  }

  static void setRegion(PreparedStatement ps, int first, Region r) throws SQLException {
    if (r == null) {
      for (int i = 0; i < 4; i++) {
        ps.setNull(first + i, Types.INTEGER);
      }
      return;
    }
    ps.setInt(first, r.x());
    ps.setInt(first + 1, r.y());
    ps.setInt(first + 2, r.width());
    ps.setInt(first + 3, r.height());
  }

  static Region region(ResultSet rs, int first) throws SQLException {
    int width = rs.getInt(first + 2);
    if (rs.wasNull()) {
      return null;
    }
    return new Region(rs.getInt(first), rs.getInt(first + 1), width, rs.getInt(first + 3));
  }

  static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, v);
    }
  }

  static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }
}
