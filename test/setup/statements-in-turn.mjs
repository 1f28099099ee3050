// A transaction is one connection, and a connection runs one statement at a time: statements
// sent to it side by side are queued by pg today (with a DeprecationWarning, once) and refused
// by pg 9. Every suite fails if any code path sent a statement to a connection that already had
// one waiting, and says where it was sent from.
/* global afterAll, expect -- jest's setup file runs with jest's globals */
import pg from 'pg';

const seen = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function queryInTurn(...args) {
  if ((this._activeQuery || this._queryQueue?.length > 0) && !this.pipeline)
    seen.push(new Error('a statement sent while another waited').stack);
  return query.apply(this, args);
};

afterAll(() => {
  pg.Client.prototype.query = query;
  expect({ statementsSentSideBySideOnOneConnection: seen }).toEqual({
    statementsSentSideBySideOnOneConnection: [],
  });
});
