// Starts dynalite on 127.0.0.1, prints "listening <port>", and exits when its standard input
// closes: the JVM that started it holds the other end, so dynalite goes when that JVM stops, even
// when it is killed. Arguments: the port (0 for a free one) and, optionally, the directory of its
// LevelDB data; without one its tables are in memory.
'use strict'
const path = require('path')
const dynalite = require(path.join(__dirname, 'node_modules', 'dynalite'))

const [port = '0', dataDirectory] = process.argv.slice(2)
const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }
if (dataDirectory) {
  options.path = dataDirectory
}
const server = dynalite(options)
server.listen(Number(port), '127.0.0.1', () => {
  console.log('listening ' + server.address().port)
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
