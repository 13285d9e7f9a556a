// Starts dynalite in memory on 127.0.0.1 and a free port, prints "listening <port>", and exits
// when its standard input closes: the JVM that started it holds the other end, so dynalite goes
// when that JVM stops, even when it is killed.
'use strict'
const path = require('path')
const dynalite = require(path.join(__dirname, 'node_modules', 'dynalite'))

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(0, '127.0.0.1', () => {
  console.log('listening ' + server.address().port)
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
