// Initiates the replica set `rs0` once; on later starts it finds the set and
// does nothing, so `docker compose up` may run it every time.
const member = { _id: 0, host: 'mongo:27017' };
let status = null;
try {
  status = rs.status();
} catch (err) {
  if (err.codeName !== 'NotYetInitialized') throw err;
}
if (status) {
  print(`replica set ${status.set} already initiated`);
} else {
  rs.initiate({ _id: 'rs0', members: [member] });
  print('replica set rs0 initiated');
}
// Wait for a primary, so the hubs that start next find one.
for (let i = 0; i < 60; i++) {
  if (db.hello().isWritablePrimary) quit(0);
  sleep(1000);
}
print('no primary after 60 s');
quit(1);
