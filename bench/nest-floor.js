'use strict';
/*
 * node bench/nest-floor.js <port>: the floor of the stack itself, a baseline for the bench.
 * NestJS on Fastify as our server sets it up (Fastify's raw-body parser for every type,
 * Nest's own parsers off) with one async guard, answering a fixed JSON body: a GET
 * route and a POST route that parses its JSON body. Whatever our server costs above
 * these two is DRF's and Djoser's work (and our overhead); below them is not reachable
 * with NestJS + Fastify. Plain JavaScript: the decorators are applied as functions.
 */
require('reflect-metadata');
const { Controller, Get, HttpCode, Injectable, Module, Post, Req, UseGuards } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

const BODY = { id: 1, username: 'user1', email: 'user1@example.com' };

class AllowAny {
  async canActivate() {
    return true;
  }
}
Injectable()(AllowAny);

class FloorController {
  async get() {
    return BODY;
  }
  async post(req) {
    return JSON.parse(req.rawBody.toString('utf8')).token ? {} : BODY;
  }
}
const method = (name, ...decorators) => {
  const descriptor = Object.getOwnPropertyDescriptor(FloorController.prototype, name);
  for (const d of decorators) d(FloorController.prototype, name, descriptor);
};
method('get', Get('floor/'), UseGuards(AllowAny));
method('post', Post('floor/'), HttpCode(200), UseGuards(AllowAny));
Req()(FloorController.prototype, 'post', 0);
Controller()(FloorController);

class FloorModule {}
Module({ controllers: [FloorController], providers: [AllowAny] })(FloorModule);

async function main() {
  const adapter = new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true } });
  const fastify = adapter.getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    req.rawBody = body;
    done(null, undefined);
  });
  const app = await NestFactory.create(FloorModule, adapter, { logger: false, bodyParser: false });
  await app.listen(Number(process.argv[2]), '127.0.0.1');
}
main();
